"""One transcript shape for every model, so callers switch models by changing one argument.

Times are seconds from the start of the audio. `Transcript.to_json()` writes this documented,
stable layout (keys in this order; `from_json` reads it back exactly):

    {"text": str, "language": str | null, "duration": float | null, "model": str,
     "words": [{"text", "start", "end", "confidence": float | null, "speaker": int | null}],
     "segments": [{"text", "start", "end", "words": [<word objects as above>]}]}

A multichannel transcript (nova-3 with `multichannel=True`, one speaker per audio channel,
such as a stereo call recording) adds `"channel": int` as the last key of every word and
segment; a mono transcript has no `channel` key at all, so its JSON is unchanged.

`raw` (the model's own typed result, or stream events) is never serialised.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from cfasr_ext._errors import CfasrError
from cfasr_ext._timed_words import Segment, Word, ends_sentence, join_words

__all__ = [
    "Segment",
    "Transcript",
    "TranscriptFormatError",
    "Word",
    "ends_sentence",
    "join_words",
    "segments_from_words",
]

#: Silence longer than this (seconds) between two words starts a new segment.
DEFAULT_SEGMENT_GAP = 1.0


_T = TypeVar("_T")


class TranscriptFormatError(CfasrError, ValueError):
    """JSON that is not a transcript written by `Transcript.to_json()`."""


def _word_tuple(words: Iterable[Word]) -> tuple[Word, ...]:
    return tuple(words)


def _segment_tuple(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    return tuple(segments)


@attrs.frozen
class Transcript:
    """What any model heard: the text, timed words and segments, and the model's raw result.

    `raw` is left out of equality, hashing and repr: it is the generated result object (or the
    stream events) for callers who need a model-specific field.
    """

    text: str
    words: tuple[Word, ...] = attrs.field(converter=_word_tuple)
    segments: tuple[Segment, ...] = attrs.field(converter=_segment_tuple)
    language: str | None
    duration: float | None
    model: str
    raw: object = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def from_words(
        cls,
        words: Iterable[Word],
        *,
        model: str,
        language: str | None = None,
        duration: float | None = None,
        raw: object = None,
        text: str | None = None,
    ) -> Transcript:
        """Build text (unless given) and segments from words, splitting segments at sentence
        punctuation, pauses longer than one second and changes of speaker. Words of several
        channels make segments per channel, and the text is the segments' in time order."""
        word_tuple = tuple(words)
        segments = segments_from_words(word_tuple)
        if text is None:
            multichannel = any(word.channel is not None for word in word_tuple)
            # Interleaving two people's words by time would garble both: whole segments.
            text = (
                " ".join(segment.text for segment in segments)
                if multichannel
                else join_words(word_tuple)
            )
        return cls(
            text=text,
            words=word_tuple,
            segments=segments,
            language=language,
            duration=duration,
            model=model,
            raw=raw,
        )

    @property
    def channels(self) -> tuple[int, ...]:
        """The audio channels heard, in order, in a multichannel transcript; `()` for mono."""
        found = {word.channel for word in self.words}
        found |= {segment.channel for segment in self.segments}
        return tuple(sorted(channel for channel in found if channel is not None))

    def for_channel(self, channel: int) -> Transcript:
        """Only what was heard on `channel` (e.g. the caller of a stereo call recording), as
        a transcript of its own; its words and segments keep their `channel`."""
        segments = tuple(segment for segment in self.segments if segment.channel == channel)
        return Transcript(
            text=" ".join(segment.text for segment in segments if segment.text),
            words=tuple(word for word in self.words if word.channel == channel),
            segments=segments,
            language=self.language,
            duration=self.duration,
            model=self.model,
            raw=self.raw,
        )

    def to_srt(self, **limits: Any) -> str:
        """SubRip subtitles; `limits` are those of `cfasr_ext.subtitles.cues_from_words`."""
        from cfasr_ext import subtitles

        return subtitles.write_srt(subtitles.cues_for_transcript(self, **limits))

    def to_vtt(self, **limits: Any) -> str:
        """WebVTT subtitles; `limits` are those of `cfasr_ext.subtitles.cues_from_words`."""
        from cfasr_ext import subtitles

        return subtitles.write_vtt(subtitles.cues_for_transcript(self, **limits))

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready layout documented at the top of this module."""
        return {
            "text": self.text,
            "language": self.language,
            "duration": self.duration,
            "model": self.model,
            "words": [_word_to_dict(word) for word in self.words],
            "segments": [
                _with_channel(
                    {
                        "text": segment.text,
                        "start": segment.start,
                        "end": segment.end,
                        "words": [_word_to_dict(word) for word in segment.words],
                    },
                    segment.channel,
                )
                for segment in self.segments
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """`to_dict()` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Transcript:
        """Read back `to_dict()` output; raises `TranscriptFormatError` on anything else."""
        try:
            return cls(
                text=_typed(data["text"], str, "text"),
                words=tuple(_word_from_dict(item) for item in _typed(data["words"], list, "words")),
                segments=tuple(
                    _segment_from_dict(item)
                    for item in _typed(data.get("segments", []), list, "segments")
                ),
                language=_optional(data.get("language"), str, "language"),
                duration=_optional_seconds(data.get("duration"), "duration"),
                model=_typed(data["model"], str, "model"),
            )
        except KeyError as missing:
            raise TranscriptFormatError(f"transcript JSON lacks the {missing} key") from None
        except (TypeError, ValueError) as bad:
            if isinstance(bad, TranscriptFormatError):
                raise
            raise TranscriptFormatError(f"transcript JSON is invalid: {bad}") from None

    @classmethod
    def from_json(cls, text: str | bytes) -> Transcript:
        """Read back `to_json()` output; raises `TranscriptFormatError` on anything else."""
        try:
            data = json.loads(text)
        except ValueError as bad:
            raise TranscriptFormatError(f"not JSON: {bad}") from None
        if not isinstance(data, dict):
            raise TranscriptFormatError("transcript JSON must be an object")
        return cls.from_dict(data)


def segments_from_words(
    words: Sequence[Word], *, max_gap: float = DEFAULT_SEGMENT_GAP
) -> tuple[Segment, ...]:
    """Group words into segments at sentence ends, pauses over `max_gap` s and speaker changes.

    Words of different audio channels (see `Word.channel`) are grouped channel by channel,
    since two people on a call may talk at once; the segments are then put in time order."""
    channels = sorted({word.channel for word in words if word.channel is not None})
    if not channels:
        return _segments_of_one_channel(words, max_gap)
    segments = [
        segment
        for channel in channels
        for segment in _segments_of_one_channel(
            [word for word in words if word.channel == channel], max_gap
        )
    ]
    # Words without a channel (rare: a hand-made mix) follow as their own group.
    segments += _segments_of_one_channel([w for w in words if w.channel is None], max_gap)
    return tuple(sorted(segments, key=lambda s: (s.start, -1 if s.channel is None else s.channel)))


def _segments_of_one_channel(words: Sequence[Word], max_gap: float) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    current: list[Word] = []
    for word in words:
        if current and _starts_new_segment(current[-1], word, max_gap):
            segments.append(_segment_of(current))
            current = []
        current.append(word)
    if current:
        segments.append(_segment_of(current))
    return tuple(segments)


def _starts_new_segment(previous: Word, word: Word, max_gap: float) -> bool:
    return (
        ends_sentence(previous.text)
        or word.start - previous.end > max_gap
        or previous.speaker != word.speaker
        or previous.channel != word.channel
    )


def _segment_of(words: Sequence[Word]) -> Segment:
    return Segment(
        text=join_words(words),
        start=words[0].start,
        end=max(word.end for word in words),
        words=tuple(words),
        channel=words[0].channel,
    )


def _with_channel(item: dict[str, Any], channel: int | None) -> dict[str, Any]:
    """`item` with its `channel` key last, only in a multichannel transcript."""
    if channel is not None:
        item["channel"] = channel
    return item


def _word_to_dict(word: Word) -> dict[str, Any]:
    return _with_channel(
        {
            "text": word.text,
            "start": word.start,
            "end": word.end,
            "confidence": word.confidence,
            "speaker": word.speaker,
        },
        word.channel,
    )


def _word_from_dict(data: object) -> Word:
    item = _typed(data, dict, "word")
    return Word(
        text=_typed(item["text"], str, "word text"),
        start=_seconds(item["start"], "word start"),
        end=_seconds(item["end"], "word end"),
        confidence=_optional_seconds(item.get("confidence"), "word confidence"),
        speaker=_optional(item.get("speaker"), int, "word speaker"),
        channel=_optional(item.get("channel"), int, "word channel"),
    )


def _segment_from_dict(data: object) -> Segment:
    item = _typed(data, dict, "segment")
    return Segment(
        text=_typed(item["text"], str, "segment text"),
        start=_seconds(item["start"], "segment start"),
        end=_seconds(item["end"], "segment end"),
        words=tuple(_word_from_dict(word) for word in _typed(item.get("words", []), list, "words")),
        channel=_optional(item.get("channel"), int, "segment channel"),
    )


def _typed(value: object, kind: type[_T], name: str) -> _T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TranscriptFormatError(f"{name} must be {kind.__name__}, got {value!r}")
    return value


def _optional(value: object, kind: type[_T], name: str) -> _T | None:
    return None if value is None else _typed(value, kind, name)


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TranscriptFormatError(f"{name} must be a number, got {value!r}")
    return float(value)


def _optional_seconds(value: object, name: str) -> float | None:
    return None if value is None else _seconds(value, name)
