"""A turbo JSON body decoded piece by piece: its base64 ``audio`` straight into bytes.

``json.loads`` of a 133 MB body builds a 133 MB string, then ``b64decode`` copies it again;
:class:`TurboBodyDecoder` instead takes the body in pieces (split anywhere), finds the
top-level ``"audio": "`` and base64-decodes its value as it goes (carrying an incomplete
4-character group to the next piece), keeping only the small rest of the object (the
options) as text with a short placeholder where the audio was.

It only takes the common shape: a top-level object whose ``"audio"`` value is plain base64
(no escapes, length a multiple of 4, ``=`` only as final padding) with little JSON around it.
Anything else (an escape in the value, bad base64, the key nested or duplicated, invalid or
deep JSON around it, a huge rest) makes :func:`decode_turbo_body` answer ``None``, and the
caller parses the whole body as before, so every refusal keeps its exact wording.
"""

from __future__ import annotations

import asyncio
import binascii
import json
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs

from ..json_depth import BracketScan, too_deep, too_many_members
from .inputs import refuse_constant

__all__ = [
    "PLACEHOLDER",
    "StreamedTurbo",
    "TurboBodyDecoder",
    "TurboBodyFeeder",
    "decode_turbo_body",
    "pieces_of",
]

PLACEHOLDER = "\u0000cfasr-streamed-audio\u0000"
"""Stands for the audio in the rest of the object: not base64, so no body can mean it."""
_PLACEHOLDER_JSON = json.dumps(PLACEHOLDER).encode()

_KEY = re.compile(rb'"audio"[ \t\r\n]*:[ \t\r\n]*"')
_MAX_HEAD = 1 << 20
"""How far into the body the audio value may start (options before it are small)."""
_MAX_TAIL = 1 << 20
"""How much JSON may follow the audio value."""
_LAST_GROUP = re.compile(rb"[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==")


def _top_level_key_position(prefix: bytes) -> bool:
    """Whether the end of ``prefix`` is outside any string, directly inside one object."""
    scan = BracketScan(prefix)
    depth = 0
    for char in scan:
        if char in b"[{":
            if depth == 0 and char != ord("{"):
                return False
            depth += 1
        else:
            depth -= 1
            if depth <= 0:
                return False
    return depth == 1 and not scan.in_string and prefix.lstrip()[:1] == b"{"


@attrs.frozen
class StreamedTurbo:
    """The body's object with ``audio`` set to :data:`PLACEHOLDER`, and the decoded audio."""

    doc: dict[str, Any]
    audio: bytes


class TurboBodyDecoder:
    """Feed the body in pieces; :meth:`finish` gives the rest of the JSON and the audio bytes,
    or ``None`` if the body is not of the common shape."""

    def __init__(self) -> None:
        self._state = "head"  # head → audio → tail, or "off" once given up
        self._head = bytearray()
        self._prefix = b""
        self._carry = b""
        self._audio: list[bytes] = []
        self._length = 0
        self._tail = bytearray()

    @property
    def given_up(self) -> bool:
        return self._state == "off"

    def feed(self, piece: bytes | memoryview) -> None:
        if self._state == "head":
            self._head += piece
            match = _KEY.search(self._head)
            if match is None:
                if len(self._head) > _MAX_HEAD:
                    self._give_up()
                return
            prefix = bytes(self._head[: match.end() - 1])
            if not _top_level_key_position(bytes(self._head[: match.start()])):
                self._give_up()
                return
            rest = bytes(self._head[match.end() :])
            self._prefix = prefix
            self._head = bytearray()
            self._state = "audio"
            self._feed_audio(rest)
        elif self._state == "audio":
            self._feed_audio(piece)
        elif self._state == "tail":
            self._tail += piece
            if len(self._tail) > _MAX_TAIL:
                self._give_up()

    def _feed_audio(self, piece: bytes | memoryview) -> None:
        data = bytes(piece)
        end = data.find(b'"')
        value = data if end < 0 else data[:end]
        if b"\\" in value:
            self._give_up()
            return
        self._length += len(value)
        buffer = self._carry + value
        keep = len(buffer) % 4 or min(4, len(buffer))
        end_whole = len(buffer) - keep
        whole = memoryview(buffer)[:end_whole]
        # Whole groups, no '=': strict mode then refuses anything but the 64 letters, and
        # decodes the rest exactly as b64decode(validate=True) would.
        if buffer.find(b"=", 0, end_whole) >= 0:
            self._give_up()
            return
        try:
            self._audio.append(binascii.a2b_base64(whole, strict_mode=True))
        except binascii.Error:
            self._give_up()
            return
        self._carry = buffer[end_whole:]
        if end >= 0:
            self._state = "tail"
            self._tail += data[end:]
            if len(self._tail) > _MAX_TAIL:
                self._give_up()

    def _give_up(self) -> None:
        self._state = "off"
        self._head = bytearray()
        self._audio = []
        self._tail = bytearray()

    def finish(self) -> tuple[bytes, bytes] | None:
        """``(the JSON with the placeholder for the audio, the audio bytes)`` or ``None``."""
        if self._state != "tail" or self._length == 0 or self._length % 4:
            return None
        if _LAST_GROUP.fullmatch(self._carry) is None:
            return None
        self._audio.append(binascii.a2b_base64(self._carry))
        return self._prefix + _PLACEHOLDER_JSON + bytes(self._tail[1:]), b"".join(self._audio)


def _pairs(seen: list[int]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen.append(sum(1 for key, _ in pairs if key == "audio"))
        return dict(pairs)

    return hook


def decode_turbo_body(pieces: Iterable[bytes | memoryview]) -> StreamedTurbo | None:
    """The body's object and audio, exactly as a full parse and ``b64decode(validate=True)``
    would give them, or ``None`` when only a full parse can answer (see the module doc)."""
    decoder = TurboBodyDecoder()
    for piece in pieces:
        decoder.feed(piece)
        if decoder.given_up:
            return None
    return _conclude(decoder)


def _conclude(decoder: TurboBodyDecoder) -> StreamedTurbo | None:
    finished = decoder.finish()
    if finished is None:
        return None
    rest, audio = finished
    if too_deep(rest) or too_many_members(rest):
        return None  # The full parse refuses it, in its own words.
    seen: list[int] = []
    try:
        doc = json.loads(rest, parse_constant=refuse_constant, object_pairs_hook=_pairs(seen))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    # The top-level object is the last one the parser finishes: one "audio" key, ours.
    if not isinstance(doc, dict) or seen[-1] != 1 or doc.get("audio") != PLACEHOLDER:
        return None
    return StreamedTurbo(doc, audio)


def pieces_of(body: bytes, size: int = 1 << 20) -> Iterable[memoryview]:
    """``body`` in pieces of ``size`` bytes, without copying it."""
    view = memoryview(body)
    return (view[start : start + size] for start in range(0, len(body), size))


class TurboBodyFeeder:
    """Decodes a turbo body while it arrives, off the event loop.

    :meth:`feed` (on the loop, from :func:`~cfasr_emulator.limits.read_body`) gathers the
    pieces to about ``batch`` bytes and hands each batch, in order, to one worker thread;
    :meth:`finish` waits for the last one. :meth:`close` abandons whatever is left (a body
    refused for its size, cut short or too slow).
    """

    def __init__(self, batch: int = 1 << 20) -> None:
        self._decoder = TurboBodyDecoder()
        self._batch = batch
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._executor: ThreadPoolExecutor | None = None
        self._closed = False

    def feed(self, chunk: bytes) -> None:
        self._pending.append(chunk)
        self._pending_size += len(chunk)
        if self._pending_size >= self._batch:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="cfasr-turbo-body")
            self._executor.submit(self._decode, self._take())

    def _take(self) -> list[bytes]:
        pending, self._pending, self._pending_size = self._pending, [], 0
        return pending

    def _decode(self, pieces: list[bytes]) -> None:
        for piece in pieces:
            if self._closed or self._decoder.given_up:
                return
            self._decoder.feed(piece)

    def _finish(self, pieces: list[bytes]) -> StreamedTurbo | None:
        self._decode(pieces)
        if self._closed or self._decoder.given_up:
            return None
        return _conclude(self._decoder)

    async def finish(self) -> StreamedTurbo | None:
        """What :func:`decode_turbo_body` answers for the whole body fed so far."""
        if self._closed:
            return None
        if self._executor is None:
            return await asyncio.to_thread(self._finish, self._take())
        future = self._executor.submit(self._finish, self._take())
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        self._closed = True
        self._pending = []
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
