"""@cf/openai/whisper-large-v3-turbo: base64 audio inside a JSON body, built as a stream.

The JSON is written as prefix + base64 chunks + suffix, so a 200 MB recording never sits in
memory; its Content-Length is computed from the file size. Options, their ranges and their
defaults are the spec's `TurboInput` (defaults are sent explicitly, so results do not depend
on server-side defaults changing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.options import RunWhisperLargeV3TurboOptions
from cfasr_client.models import TurboResult

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._errors import OptionError
from cfasr_ext._http import Call
from cfasr_ext._model_names import TURBO
from cfasr_ext._request_bodies import Body, base64_json_body
from cfasr_ext._unchecked import ExtraBody, ExtraQuery, merge_body, merge_query
from cfasr_ext.models._method import (
    AsyncNamespace,
    SyncNamespace,
    async_method,
    async_raw_method,
    sync_method,
    sync_raw_method,
)
from cfasr_ext.models._options import check_options, document_options, merged_headers
from cfasr_ext.models.batch import AsyncBatch, SyncBatch, audio_base64

__all__ = ["AsyncTurbo", "Turbo", "build_turbo_transcribe", "turbo_input_fields"]

_TURBO = OPERATIONS["runWhisperLargeV3Turbo"]


def turbo_input_fields(**options: Unpack[RunWhisperLargeV3TurboOptions]) -> dict[str, Any]:
    """The checked options as the JSON fields of `TurboInput` (without `audio`), every
    option the spec gives a default stated explicitly."""
    return _TURBO.body(check_options(_TURBO, options, defaults=True))


def _parse(result: Any) -> TurboResult:
    return TurboResult.from_dict(result)


def turbo_batch_item(audio: AudioSource, **options: Any) -> dict[str, Any]:
    """One `TurboInput` of a batch, audio included (base64)."""
    try:
        fields = turbo_input_fields(**options)
    except TypeError as exc:
        raise OptionError(f"{TURBO} batch: {exc}") from None
    return {**fields, "audio": audio_base64(audio)}


def build_turbo_transcribe(
    model: str,
    audio: AudioSource,
    /,
    *,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
    extra_headers: Mapping[str, str] | None = None,
    **options: Unpack[RunWhisperLargeV3TurboOptions],
) -> Call[TurboResult]:
    """Transcribe (or `task="translate"` to English); returns `TurboResult` with segments,
    word timings and `transcription_info` (language, duration).

    Options are `runWhisperLargeV3Turbo`'s in openapi.yaml (see the options reference):
    `language` is an ISO 639-1 hint (omit to detect), `beam_size` and the thresholds follow
    faster-whisper. Raises `OptionError` for out-of-range values before sending.

    `extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options newer
    than openapi.yaml: they replace same-name parameters, fields and headers (see the
    "Options the spec does not know yet" guide); `extra_body` fields join the
    JSON body beside the typed ones."""
    checked = check_options(_TURBO, options, defaults=True)
    fields = merge_body(_TURBO.body(checked), extra_body, model=model)
    query = merge_query(_TURBO.query(checked), extra_query)
    headers = merged_headers(extra_headers)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        return base64_json_body(opened, fields)

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=query,
        audio=audio,
        headers=headers,
    )


document_options(build_turbo_transcribe, _TURBO)


class Turbo(SyncNamespace):
    """`client.whisper_large_v3_turbo`; `.batch` submits queued batch jobs."""

    transcribe = sync_method(build_turbo_transcribe)

    @property
    def batch(self) -> SyncBatch[TurboResult]:
        """Queued batch jobs: `submit([...], **options)`, `poll(job)`, `wait(job, timeout=)`."""
        return SyncBatch(self._client, self.model, turbo_batch_item, _parse)

    @property
    def with_raw_response(self) -> TurboWithRawResponse:
        return TurboWithRawResponse(self._client, self.model)


class TurboWithRawResponse(SyncNamespace):
    transcribe = sync_raw_method(build_turbo_transcribe)


class AsyncTurbo(AsyncNamespace):
    """`async_client.whisper_large_v3_turbo`; `.batch` submits queued batch jobs."""

    transcribe = async_method(build_turbo_transcribe)

    @property
    def batch(self) -> AsyncBatch[TurboResult]:
        """Queued batch jobs: `submit([...], **options)`, `poll(job)`, `wait(job, timeout=)`."""
        return AsyncBatch(self._client, self.model, turbo_batch_item, _parse)

    @property
    def with_raw_response(self) -> AsyncTurboWithRawResponse:
        return AsyncTurboWithRawResponse(self._client, self.model)


class AsyncTurboWithRawResponse(AsyncNamespace):
    transcribe = async_raw_method(build_turbo_transcribe)
