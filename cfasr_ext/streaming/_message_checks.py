"""Schema checks for server frames: the generated models trust their input, the network must
not be trusted, so every frame is checked here before it becomes a typed event.

They run on every message of a session, so they are written for the common case: a handful of
type tests and no helper calls per field on the way through; a message that fails pays for
the explanation. The input is always `json.loads` output, whose values are exactly `dict`,
`list`, `str`, `int`, `float`, `bool` or None (never subclasses), so `type(x) is T` is exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import isfinite
from typing import Any

__all__ = ["check_fields", "check_results", "check_turn", "shift", "shift_words"]

_FLOAT_MAX = 1.7976931348623157e308  # larger ints cannot become floats (times, `end`)
_RESULT_FLAGS = ("is_final", "speech_final", "from_finalize")


def _is_number(value: object) -> bool:
    """A JSON number usable as seconds: finite, float-sized, and not a bool."""
    if type(value) is float:
        return isfinite(value)
    return type(value) is int and -_FLOAT_MAX <= value <= _FLOAT_MAX


def check_fields(obj: Mapping[str, Any], numbers: tuple[str, ...], optional: bool) -> None:
    for key in numbers:
        if (key in obj or not optional) and not _is_number(obj.get(key)):
            raise ValueError(f"{key!r} must be a number")


def _check_words(words: object, *, times_required: bool) -> None:
    if type(words) is not list:
        raise ValueError("'words' must be a list")
    for word in words:
        if type(word) is not dict:
            raise ValueError("each word must be an object")
        if type(word.get("word")) is not str:
            raise ValueError("each word needs a string 'word'")
        if not _is_number(word.get("confidence")):
            raise ValueError("'confidence' must be a number")
        check_fields(word, ("start", "end"), optional=not times_required)


def check_results(raw: Mapping[str, Any]) -> bool:
    """Raise ValueError unless `raw` is a usable v1 Results message. Returns whether
    `Nova3ResultsMessage.from_dict` is sure to accept it too (so it may be built later); when
    False, build it now and let its error make the message an `UnknownMessage`."""
    start, duration = raw.get("start"), raw.get("duration")
    if not (type(start) is float and isfinite(start)) and not _is_number(start):
        raise ValueError("'start' must be a number")
    if not (type(duration) is float and isfinite(duration)) and not _is_number(duration):
        raise ValueError("'duration' must be a number")
    for flag in _RESULT_FLAGS:
        if type(raw.get(flag, False)) is not bool:
            raise ValueError(f"{flag!r} must be a boolean")
    channel = raw.get("channel")
    if type(channel) is not dict:
        raise ValueError("'channel' must be an object")
    alternatives = channel.get("alternatives")
    if type(alternatives) is not list:
        raise ValueError("'channel.alternatives' must be a list")
    buildable = "channel_index" in raw
    for alternative in alternatives:
        if type(alternative) is not dict:
            raise ValueError("each alternative must be an object")
        if type(alternative.get("transcript")) is not str:
            raise ValueError("'transcript' must be a string")
        _check_words(alternative.get("words"), times_required=True)
        buildable = buildable and "confidence" in alternative
    if "metadata" in raw:
        metadata = raw["metadata"]
        if type(metadata) is not dict:
            raise ValueError("'metadata' must be an object")
        if "model_info" in metadata and type(metadata["model_info"]) is not dict:
            buildable = False
    return buildable


def check_turn(raw: Mapping[str, Any]) -> None:
    """Raise ValueError unless `raw` is a usable flux turn message. With a known `event` and
    the dispatcher's `type` check, `FluxTurnInfo.from_dict` then always accepts it."""
    if type(raw.get("transcript")) is not str:
        raise ValueError("'transcript' must be a string")
    if type(raw.get("turn_index")) is not int:
        raise ValueError("'turn_index' must be an int")
    check_fields(raw, ("audio_window_start", "audio_window_end"), optional=True)
    if "words" in raw:
        _check_words(raw["words"], times_required=False)


def shift(obj: dict[str, Any], keys: tuple[str, ...], offset: float) -> None:
    for key in keys:
        if key in obj:
            obj[key] = obj[key] + offset


def shift_words(words: list[dict[str, Any]], offset: float) -> None:
    for word in words:
        shift(word, ("start", "end"), offset)
