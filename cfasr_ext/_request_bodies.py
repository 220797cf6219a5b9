"""Request bodies built from an opened `Audio`: raw bytes, base64 JSON and JSON byte arrays.

Each body is produced as a stream of chunks, fresh for every attempt, so a 500 MB upload
never sits in memory and a retry re-reads the source instead of a buffered copy.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import attrs

from cfasr_ext._audio_sources import CHUNK_SIZE, Audio
from cfasr_ext._errors import OptionError

__all__ = ["Body", "base64_json_body", "byte_array_json_body", "json_body", "raw_body"]

# A multiple of 3, so each chunk base64-encodes without padding in the middle of the body.
B64_CHUNK_SIZE = 48 * 1024


@attrs.frozen
class Body:
    """How to send one request body: a content type, a known length (or None for chunked)
    and functions that produce fresh chunk streams for each attempt."""

    content_type: str
    length: int | None
    audio: Audio | None
    prefix: bytes = b""
    suffix: bytes = b""
    encoding: str = "raw"  # raw | base64 | bytearray | none

    def sync_stream(self) -> Iterator[bytes]:
        if self.prefix:
            yield self.prefix
        if self.audio is not None:
            yield from _encode(self.encoding, self.audio.chunks(_chunk_for(self.encoding)))
        if self.suffix:
            yield self.suffix

    async def async_stream(self) -> AsyncIterator[bytes]:
        if self.prefix:
            yield self.prefix
        if self.audio is not None:
            state = _EncoderState(self.encoding)
            async for block in self.audio.achunks(_chunk_for(self.encoding)):
                if out := state.feed(block):
                    yield out
            if out := state.finish():
                yield out
        if self.suffix:
            yield self.suffix


def _chunk_for(encoding: str) -> int:
    return B64_CHUNK_SIZE if encoding == "base64" else CHUNK_SIZE


class _EncoderState:
    """Turns raw chunks into body chunks; base64 carries up to 2 bytes between chunks."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.carry = b""
        self.first = True

    def feed(self, block: bytes) -> bytes:
        if self.encoding == "raw":
            return block
        if self.encoding == "base64":
            data = self.carry + block
            cut = len(data) - len(data) % 3
            self.carry = data[cut:]
            return base64.b64encode(data[:cut])
        text = ",".join(map(str, block))
        if not text:
            return b""
        if not self.first:
            text = "," + text
        self.first = False
        return text.encode()

    def finish(self) -> bytes:
        if self.encoding == "base64" and self.carry:
            return base64.b64encode(self.carry)
        return b""


def _encode(encoding: str, blocks: Iterator[bytes]) -> Iterator[bytes]:
    state = _EncoderState(encoding)
    for block in blocks:
        if out := state.feed(block):
            yield out
    if out := state.finish():
        yield out


_RAW_MEDIA_PREFIXES = ("audio/", "video/", "application/octet-stream", "application/ogg")


def raw_body(audio: Audio, content_type: str | None = None) -> Body:
    """The file's bytes as they are; an explicit `content_type` must name audio.

    The body is the recording itself, so a type such as `application/json` would only make the
    server try to parse audio as JSON; refuse it here with what to send instead."""
    if content_type is not None and not content_type.lower().startswith(_RAW_MEDIA_PREFIXES):
        raise OptionError(
            f"content_type {content_type!r} does not describe audio; use an audio MIME type "
            "such as 'audio/wav' or 'audio/mpeg', 'application/octet-stream', or leave it "
            "unset to detect it from the file."
        )
    return Body(content_type=content_type or audio.content_type, length=audio.size, audio=audio)


def _json_fields(fields: Mapping[str, Any]) -> bytes:
    return b"".join(
        json.dumps(key).encode() + b":" + json.dumps(value).encode() + b","
        for key, value in fields.items()
    )


def base64_json_body(audio: Audio, fields: Mapping[str, Any], key: str = "audio") -> Body:
    """`{...fields, "audio": "<base64>"}` built as a stream; the length is known in advance."""
    prefix = b"{" + _json_fields(fields) + json.dumps(key).encode() + b':"'
    suffix = b'"}'
    length = None
    if audio.size is not None:
        length = len(prefix) + 4 * ((audio.size + 2) // 3) + len(suffix)
    return Body("application/json", length, audio, prefix, suffix, "base64")


def byte_array_json_body(
    audio: Audio, fields: Mapping[str, Any] | None = None, key: str = "audio"
) -> Body:
    """`{...fields, "audio": [82,73,70,...]}` built as a stream (sent chunked: its length
    varies)."""
    prefix = b"{" + _json_fields(fields or {}) + json.dumps(key).encode() + b":["
    return Body("application/json", None, audio, prefix, b"]}", "bytearray")


def json_body(payload: Mapping[str, Any]) -> tuple[bytes, str]:
    """A small JSON body held in memory (configuration, polls, batches)."""
    return json.dumps(payload, separators=(",", ":")).encode(), "application/json"
