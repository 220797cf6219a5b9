"""@cf/openai/whisper-large-v3-turbo: base64 audio inside a JSON body, built as a stream.

The JSON is written as prefix + base64 chunks + suffix, so a 200 MB recording never sits in
memory; its Content-Length is computed from the file size. Options follow faster-whisper
and their defaults are the spec's (they are sent explicitly, so results do not depend on
server-side defaults changing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from cfasr_client.models import TurboInput, TurboResult, TurboTask

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._errors import OptionError
from cfasr_ext._http import Call
from cfasr_ext._request_bodies import Body, base64_json_body
from cfasr_ext.models._method import (
    AsyncNamespace,
    SyncNamespace,
    async_method,
    async_raw_method,
    sync_method,
    sync_raw_method,
)
from cfasr_ext.models._options import (
    check_bool,
    check_enum,
    check_number,
    check_str,
    common_params,
    merged_headers,
)
from cfasr_ext.models.batch import AsyncBatch, SyncBatch, audio_base64

__all__ = ["AsyncTurbo", "Turbo", "build_turbo_transcribe", "turbo_input_fields"]

TURBO = "@cf/openai/whisper-large-v3-turbo"


def turbo_input_fields(
    *,
    task: TurboTask | Literal["transcribe", "translate"] = "transcribe",
    language: str | None = None,
    vad_filter: bool = False,
    initial_prompt: str | None = None,
    prefix: str | None = None,
    beam_size: int = 5,
    condition_on_previous_text: bool = True,
    no_speech_threshold: float = 0.6,
    compression_ratio_threshold: float = 2.4,
    log_prob_threshold: float = -1.0,
    hallucination_silence_threshold: float | None = None,
) -> dict[str, Any]:
    """The checked options as the JSON fields of `TurboInput` (without `audio`)."""
    model = TurboInput(
        audio="",
        task=check_enum("task", TurboTask, task),
        vad_filter=check_bool("vad_filter", vad_filter),
        beam_size=int(check_number("beam_size", beam_size, minimum=1, maximum=20, integer=True)),
        condition_on_previous_text=check_bool(
            "condition_on_previous_text", condition_on_previous_text
        ),
        no_speech_threshold=check_number(
            "no_speech_threshold", no_speech_threshold, minimum=0, maximum=1
        ),
        compression_ratio_threshold=check_number(
            "compression_ratio_threshold", compression_ratio_threshold, minimum=0
        ),
        log_prob_threshold=check_number("log_prob_threshold", log_prob_threshold, maximum=0),
    )
    if language is not None:
        model.language = check_str(
            "language", language, r"[a-z]{2,3}", "use an ISO 639-1 code such as 'en' or 'fr'"
        )
    if initial_prompt is not None:
        model.initial_prompt = check_str("initial_prompt", initial_prompt)
    if prefix is not None:
        model.prefix = check_str("prefix", prefix)
    if hallucination_silence_threshold is not None:
        model.hallucination_silence_threshold = check_number(
            "hallucination_silence_threshold", hallucination_silence_threshold, minimum=0
        )
    fields = model.to_dict()
    del fields["audio"]
    return fields


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
    task: TurboTask | Literal["transcribe", "translate"] = "transcribe",
    language: str | None = None,
    vad_filter: bool = False,
    initial_prompt: str | None = None,
    prefix: str | None = None,
    beam_size: int = 5,
    condition_on_previous_text: bool = True,
    no_speech_threshold: float = 0.6,
    compression_ratio_threshold: float = 2.4,
    log_prob_threshold: float = -1.0,
    hallucination_silence_threshold: float | None = None,
    tags: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Call[TurboResult]:
    """Transcribe (or `task="translate"` to English); returns `TurboResult` with segments,
    word timings and `transcription_info` (language, duration).

    `language` is an ISO 639-1 hint (omit to detect); `beam_size` 1-20; thresholds as in
    faster-whisper. Raises `OptionError` for out-of-range values before sending."""
    fields = turbo_input_fields(
        task=task,
        language=language,
        vad_filter=vad_filter,
        initial_prompt=initial_prompt,
        prefix=prefix,
        beam_size=beam_size,
        condition_on_previous_text=condition_on_previous_text,
        no_speech_threshold=no_speech_threshold,
        compression_ratio_threshold=compression_ratio_threshold,
        log_prob_threshold=log_prob_threshold,
        hallucination_silence_threshold=hallucination_silence_threshold,
    )

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        return base64_json_body(opened, fields)

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=tuple(common_params(tags)),
        audio=audio,
        headers=merged_headers(extra_headers),
    )


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
