"""Words and segments with their times: the data transcripts and subtitles are built from.

Kept below both `transcript` (which renders itself as subtitles) and `subtitles` (which lays
out a transcript's words), so neither has to import the other to get them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import attrs

__all__ = ["Segment", "Word", "ends_sentence", "join_words"]

#: A word ending in one of these (after closing quotes/brackets) ends a sentence.
_SENTENCE_END = frozenset(".?!…。？！")
_CLOSERS = "\"')]}”’»」』"


def _word_tuple(words: Iterable[Word]) -> tuple[Word, ...]:
    return tuple(words)


def _check_times(instance: Word | Segment, attribute: attrs.Attribute[float], value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{attribute.name} must be a finite number of seconds >= 0, got {value!r}")
    if attribute.name == "end" and value < instance.start:
        raise ValueError(f"end ({value}) must not be before start ({instance.start})")


@attrs.frozen
class Word:
    """One recognised word; `confidence` (0-1) and `speaker` (index from 0) only when known.

    `channel` is the audio channel (index from 0) the word was heard on when each channel
    was transcribed on its own (nova-3 `multichannel`); `None` for mono or mixed audio."""

    text: str
    start: float = attrs.field(converter=float, validator=_check_times)
    end: float = attrs.field(converter=float, validator=_check_times)
    confidence: float | None = None
    speaker: int | None = None
    channel: int | None = None

    def shifted(self, seconds: float) -> Word:
        """The same word `seconds` later (used to stitch pieces of long audio)."""
        return attrs.evolve(self, start=self.start + seconds, end=self.end + seconds)


@attrs.frozen
class Segment:
    """A sentence-like stretch of the transcript; `words` is empty when the model gave none.

    `channel` is the audio channel of all its words in a multichannel transcript (a segment
    never spans two channels), else `None`."""

    text: str
    start: float = attrs.field(converter=float, validator=_check_times)
    end: float = attrs.field(converter=float, validator=_check_times)
    words: tuple[Word, ...] = attrs.field(default=(), converter=_word_tuple)
    channel: int | None = None

    def shifted(self, seconds: float) -> Segment:
        """The same segment, and its words, `seconds` later."""
        return Segment(
            text=self.text,
            start=self.start + seconds,
            end=self.end + seconds,
            words=tuple(word.shifted(seconds) for word in self.words),
            channel=self.channel,
        )


def join_words(words: Iterable[Word]) -> str:
    """The words' texts separated by single spaces."""
    return " ".join(word.text for word in words if word.text)


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence punctuation, ignoring closing quotes and brackets."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END
