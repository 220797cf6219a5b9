"""@cf/openai/whisper and @cf/openai/whisper-tiny-en: the audio file as the raw body.

Raw binary is the default wire format (`application/octet-stream`, streamed from disk). The
JSON form `{"audio": [byte values]}` is sent only with `body_format="json"`; it is about four
times larger on the wire and exists for proxies that accept JSON only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.options import RunWhisperOptions
from cfasr_client.models import WhisperResult

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._errors import OptionError
from cfasr_ext._http import Call
from cfasr_ext._request_bodies import Body, byte_array_json_body, raw_body
from cfasr_ext._unchecked import ExtraBody, ExtraQuery, merge_body, merge_query, refuse_body
from cfasr_ext.models._method import (
    AsyncNamespace,
    SyncNamespace,
    async_method,
    async_raw_method,
    sync_method,
    sync_raw_method,
)
from cfasr_ext.models._options import (
    check_options,
    document_options,
    merged_headers,
    rest_operation,
)

__all__ = ["AsyncWhisper", "Whisper", "build_whisper_transcribe"]


def _parse(result: Any) -> WhisperResult:
    return WhisperResult.from_dict(result)


def build_whisper_transcribe(
    model: str,
    audio: AudioSource,
    /,
    *,
    body_format: Literal["binary", "json"] = "binary",
    content_type: str | None = None,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
    extra_headers: Mapping[str, str] | None = None,
    **options: Unpack[RunWhisperOptions],
) -> Call[WhisperResult]:
    """Transcribe a recording (mp3, wav, webm, ogg, flac, m4a); returns `WhisperResult`.

    `body_format="binary"` (default) streams the file as the raw body; `"json"` sends the
    `{"audio": [0-255, ...]}` form. `content_type` overrides `application/octet-stream`.
    Raises `AudioInputError`/`OptionError` before sending, `APIError` subclasses after.

    `extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options newer
    than openapi.yaml: they replace same-name parameters, fields and headers (see the
    "Options the spec does not know yet" guide); `extra_body` needs
    `body_format="json"`, as the binary body is the recording itself."""
    if body_format not in ("binary", "json"):
        raise OptionError(f"body_format must be 'binary' or 'json', not {body_format!r}.")
    operation = rest_operation(model)
    query = merge_query(operation.query(check_options(operation, options)), extra_query)
    if body_format == "binary":
        refuse_body(model, extra_body, hint=", or body_format='json' to send a JSON body")
    fields = merge_body({}, extra_body, model=model)
    headers = merged_headers(extra_headers)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        if body_format == "json":
            return byte_array_json_body(opened, fields)
        return raw_body(opened, content_type or "application/octet-stream")

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=query,
        audio=audio,
        headers=headers,
    )


document_options(build_whisper_transcribe, OPERATIONS["runWhisper"])


class Whisper(SyncNamespace):
    """`client.whisper` / `client.whisper_tiny_en`."""

    transcribe = sync_method(build_whisper_transcribe)

    @property
    def with_raw_response(self) -> WhisperWithRawResponse:
        return WhisperWithRawResponse(self._client, self.model)


class WhisperWithRawResponse(SyncNamespace):
    transcribe = sync_raw_method(build_whisper_transcribe)


class AsyncWhisper(AsyncNamespace):
    """`async_client.whisper` / `async_client.whisper_tiny_en`."""

    transcribe = async_method(build_whisper_transcribe)

    @property
    def with_raw_response(self) -> AsyncWhisperWithRawResponse:
        return AsyncWhisperWithRawResponse(self._client, self.model)


class AsyncWhisperWithRawResponse(AsyncNamespace):
    transcribe = async_raw_method(build_whisper_transcribe)
