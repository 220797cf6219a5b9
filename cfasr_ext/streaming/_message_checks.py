"""Schema checks for server frames: the generated models trust their input, the network must
not be trusted, so every frame is checked here before it becomes a typed event."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["check_fields", "check_results", "check_turn", "shift", "shift_words"]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def check_fields(obj: Mapping[str, Any], numbers: tuple[str, ...], optional: bool) -> None:
    for key in numbers:
        if key in obj or not optional:
            _need(_is_number(obj.get(key)), f"{key!r} must be a number")


def _check_words(words: object, *, times_required: bool) -> None:
    _need(isinstance(words, list), "'words' must be a list")
    assert isinstance(words, list)
    for word in words:
        _need(isinstance(word, dict), "each word must be an object")
        _need(isinstance(word.get("word"), str), "each word needs a string 'word'")
        check_fields(word, ("confidence",), optional=False)
        check_fields(word, ("start", "end"), optional=not times_required)


def check_results(raw: Mapping[str, Any]) -> None:
    check_fields(raw, ("start", "duration"), optional=False)
    for flag in ("is_final", "speech_final", "from_finalize"):
        _need(flag not in raw or isinstance(raw[flag], bool), f"{flag!r} must be a boolean")
    channel = raw.get("channel")
    _need(isinstance(channel, dict), "'channel' must be an object")
    alternatives = channel.get("alternatives") if isinstance(channel, dict) else None
    _need(isinstance(alternatives, list), "'channel.alternatives' must be a list")
    for alternative in alternatives or ():
        _need(isinstance(alternative, dict), "each alternative must be an object")
        _need(isinstance(alternative.get("transcript"), str), "'transcript' must be a string")
        _check_words(alternative.get("words"), times_required=True)
    _need(
        "metadata" not in raw or isinstance(raw["metadata"], dict), "'metadata' must be an object"
    )


def check_turn(raw: Mapping[str, Any]) -> None:
    _need(isinstance(raw.get("transcript"), str), "'transcript' must be a string")
    index = raw.get("turn_index")
    _need(isinstance(index, int) and not isinstance(index, bool), "'turn_index' must be an int")
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
