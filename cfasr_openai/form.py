"""OpenAI's multipart form → one checked `AudioForm`, refusing what OpenAI would refuse.

The uploaded file stays where the multipart parser spooled it (memory up to 1 MB, then a
temporary file) and is handed to the SDK as a seekable file, which streams it on: the body is
held once, never copied into a second buffer.
"""

from __future__ import annotations

import math
from typing import IO, Literal

import attrs
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from cfasr_ext import sniff_content_type
from cfasr_ext.internal import AUDIO_SUFFIXES

from .body_limit import limited_request, refuse_declared_oversize
from .errors import OpenAIError

__all__ = ["RESPONSE_FORMATS", "AudioForm", "read_form"]

ResponseFormat = Literal["json", "text", "srt", "verbose_json", "vtt"]
RESPONSE_FORMATS: tuple[ResponseFormat, ...] = ("json", "text", "srt", "verbose_json", "vtt")
GRANULARITIES = ("word", "segment")
_GRANULARITY_FIELDS = ("timestamp_granularities[]", "timestamp_granularities")
_OPENAI_FIELDS = frozenset(
    {"file", "model", "response_format", "language", "prompt", "temperature", "stream"}
    | set(_GRANULARITY_FIELDS)
)
"""The fields of OpenAI's transcription form this module reads itself; any other is `extra`."""
_MAX_FIELD_BYTES = 64 * 1024
_SUPPORTED = ", ".join(sorted({suffix.lstrip(".") for suffix in AUDIO_SUFFIXES}))


@attrs.frozen
class AudioForm:
    """One transcription or translation request, checked; `file` is the spooled upload."""

    file: IO[bytes]
    filename: str | None
    model: str
    response_format: ResponseFormat
    language: str | None = None
    prompt: str | None = None
    temperature: float | None = None
    granularities: frozenset[str] = frozenset({"segment"})
    stream: bool = False
    extra: tuple[tuple[str, str], ...] = ()
    """The text fields OpenAI's API does not define, in order (`diarize=true`, ...): the
    model's own options when its operation knows them (see `options.options_for`)."""


async def read_form(request: Request, max_body_bytes: int) -> tuple[AudioForm, FormData]:
    """Parse and check the form; the caller closes the returned `FormData` (the spool)."""
    await refuse_declared_oversize(request, max_body_bytes)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise OpenAIError(
            400,
            "Send the audio as multipart/form-data with a `file` and a `model` field.",
            code="invalid_content_type",
        )
    limited = limited_request(request, max_body_bytes)
    try:
        form = await limited.form(max_files=1, max_fields=32, max_part_size=_MAX_FIELD_BYTES)
    except (HTTPException, MultiPartException) as exc:
        detail = exc.detail if isinstance(exc, HTTPException) else exc.message
        raise OpenAIError(400, f"The multipart body could not be parsed: {detail}") from None
    try:
        return _checked(form), form
    except BaseException:
        await form.close()
        raise


def _checked(form: FormData) -> AudioForm:
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise OpenAIError(400, "You must provide a `file` field holding the audio.", param="file")
    _check_audio(upload)
    model = _text(form, "model")
    if not model:
        raise OpenAIError(400, "You must provide a model parameter.", param="model")
    response_format = _text(form, "response_format") or "json"
    if response_format not in RESPONSE_FORMATS:
        raise OpenAIError(
            400,
            f"Invalid response_format {response_format!r}; use one of: "
            f"{', '.join(RESPONSE_FORMATS)}.",
            param="response_format",
            code="invalid_value",
        )
    granularities = _granularities(form)
    if "word" in granularities and response_format != "verbose_json":
        # OpenAI's reference: "response_format must be set verbose_json to use timestamp
        # granularities"; its API refuses word timestamps in any other format.
        raise OpenAIError(
            400,
            f"timestamp_granularities=word needs response_format=verbose_json, not "
            f"{response_format}: only verbose_json carries word timestamps.",
            param="timestamp_granularities",
            code="invalid_value",
        )
    return AudioForm(
        file=upload.file,
        filename=upload.filename,
        model=model,
        response_format=response_format,
        language=_text(form, "language") or None,
        prompt=_text(form, "prompt") or None,
        temperature=_temperature(_text(form, "temperature")),
        granularities=granularities,
        stream=_flag(_text(form, "stream"), "stream"),
        extra=_extra(form),
    )


def _check_audio(upload: UploadFile) -> None:
    """OpenAI's 400 for a file that is not audio, judged from its first bytes (and name)."""
    head = upload.file.read(64)
    upload.file.seek(0)
    if not head:
        raise OpenAIError(400, "The audio file is empty.", param="file", code="invalid_file")
    if sniff_content_type(head, upload.filename) is None:
        raise OpenAIError(
            400,
            f"Invalid file format. Supported formats: {_SUPPORTED}.",
            param="file",
            code="invalid_file_format",
        )


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise OpenAIError(400, f"`{name}` must be a text field, not a file.", param=name)
    return value.strip()


def _temperature(text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise OpenAIError(
            400,
            f"Invalid temperature {text!r}: expected a number between 0 and 1.",
            param="temperature",
            code="invalid_value",
        )
    return value


def _granularities(form: FormData) -> frozenset[str]:
    values = [v for key in _GRANULARITY_FIELDS for v in form.getlist(key)]
    chosen = frozenset(v.strip() for v in values if isinstance(v, str))
    unknown = chosen - set(GRANULARITIES)
    if unknown:
        raise OpenAIError(
            400,
            f"Invalid timestamp_granularities {sorted(unknown)}; use word and/or segment.",
            param="timestamp_granularities",
            code="invalid_value",
        )
    return chosen or frozenset({"segment"})


def _extra(form: FormData) -> tuple[tuple[str, str], ...]:
    """Every field outside OpenAI's own, as (name, text) pairs like a query string's."""
    pairs: list[tuple[str, str]] = []
    for name, value in form.multi_items():
        if name in _OPENAI_FIELDS:
            continue
        if not isinstance(value, str):
            raise OpenAIError(400, f"`{name}` must be a text field, not a file.", param=name)
        pairs.append((name, value.strip()))
    return tuple(pairs)


def _flag(text: str, name: str) -> bool:
    if text.lower() in ("", "false", "0"):
        return False
    if text.lower() in ("true", "1"):
        return True
    raise OpenAIError(400, f"`{name}` must be true or false.", param=name, code="invalid_value")
