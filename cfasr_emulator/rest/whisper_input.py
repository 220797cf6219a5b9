"""Whisper's JSON input, ``{"audio": [0..255, ...]}``: the bytes of the audio file.

The general path checks a parsed document member by member; the fast path reads a body that
is exactly that array a slice at a time, so a 40 MB body never holds the GIL for seconds.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from .. import error_envelope
from .inputs import input_with_audio, mismatch


def whisper_audio(doc: object, request_id: str, pointer: str = "") -> bytes:
    """The audio bytes of a whisper JSON input ``{"audio": [0..255, ...]}``."""
    _, audio = input_with_audio(doc, request_id, pointer)
    if not isinstance(audio, list):
        raise mismatch(f"{pointer}/audio", audio, "'array','binary'", request_id)
    if not audio:
        raise error_envelope.bad_input(f"'{pointer}/audio' must have at least 1 item", request_id)
    for index, item in enumerate(audio):
        if not isinstance(item, int) or isinstance(item, bool):
            raise mismatch(f"{pointer}/audio/{index}", item, "'integer'", request_id)
        if not 0 <= item <= 255:
            raise error_envelope.bad_input(
                f"'{pointer}/audio/{index}' must be between 0 and 255, got {item}", request_id
            )
    return bytes(audio)


_BYTE_ARRAY_HEAD = re.compile(rb'\A\s*\{\s*"audio"\s*:\s*\[')
_BYTE_ARRAY_TAIL = re.compile(rb"\]\s*\}\s*\Z")
_DIGITS_APART = re.compile(rb"\d\s+\d")
_JSON_SPACE = b" \t\r\n"
_BYTE_ARRAY_CHUNK = 256 * 1024
"""Bytes of the array parsed per step; each step holds the GIL for a few milliseconds only."""


def _small_integers(piece: bytes) -> npt.NDArray[np.int32] | None:
    """``b"12,0,255"`` to its integers, vectorised; None for over 3 digits or a leading 0.

    ``piece`` holds only digits and single commas, with no leading or trailing comma.
    """
    digits = np.frombuffer(piece, dtype=np.uint8).astype(np.int32) - ord("0")
    commas = np.flatnonzero(digits == ord(",") - ord("0"))
    ends = np.append(commas, digits.size)
    lengths = ends - np.concatenate(([0], commas + 1))
    if int(lengths.max()) > 3 or np.any((digits[ends - lengths] == 0) & (lengths > 1)):
        return None
    values: npt.NDArray[np.int32] = digits[ends - 1]
    two = lengths >= 2
    values[two] += 10 * digits[ends[two] - 2]
    three = lengths == 3
    values[three] += 100 * digits[ends[three] - 3]
    return values


def byte_array_audio(body: bytes, request_id: str) -> bytes | None:
    """The audio of a body that is exactly ``{"audio": [n, n, ...]}`` of integers 0..255.

    ``json.loads`` holds the GIL for the whole body (2.7 s for 40 MB), so even in a worker
    thread it would freeze the event loop. This parses the array a slice at a time, letting
    other threads run in between. A value over 255 is refused as :func:`whisper_audio`
    refuses it; anything else (other members, other number forms, broken JSON) returns None
    and takes the general path, whose refusals have the exact wording.
    """
    head = _BYTE_ARRAY_HEAD.match(body[:256])
    tail = _BYTE_ARRAY_TAIL.search(body[-256:])
    if head is None or tail is None:
        return None
    start, end = head.end(), len(body) - len(body[-256:]) + tail.start()
    if end <= start:
        return None
    out = bytearray()
    index = 0
    while start < end:
        cut = body.find(b",", min(start + _BYTE_ARRAY_CHUNK, end), end)
        stop = end if cut < 0 else cut
        piece = body[start:stop].replace(b", ", b",")  # json.dumps's separator, the usual one
        if piece.translate(None, _JSON_SPACE) != piece:
            if _DIGITS_APART.search(piece):
                return None
            piece = piece.translate(None, _JSON_SPACE)
        if not piece or piece.translate(None, b"0123456789,"):
            return None
        if piece[:1] == b"," or piece[-1:] == b"," or b",," in piece:
            return None
        values = _small_integers(piece)
        if values is None:
            return None
        if int(values.max()) > 255:
            at = int(np.argmax(values > 255))
            raise error_envelope.bad_input(
                f"'/audio/{index + at}' must be between 0 and 255, got {values[at]}", request_id
            )
        index += values.size
        out += values.astype(np.uint8).tobytes()
        start = stop + 1
    return bytes(out)
