"""The one `Transcript` of a stream, built from its final events (v1 `is_final` Results, v2
`EndOfTurn`), on the session timeline."""

from __future__ import annotations

from collections.abc import Sequence

from cfasr_ext.streaming import _events as ev
from cfasr_ext.transcript import Transcript, Word

__all__ = ["transcript_from_finals"]


def _v1_words(event: ev.Results) -> list[Word]:
    """The words of a final; in a multichannel stream each keeps its channel."""
    channel = event.channel_index if event.channel_count > 1 else None
    words: list[Word] = []
    for item in event.words:
        text = item.punctuated_word or item.word
        start = max(0.0, float(item.start))
        words.append(
            Word(
                text=text,
                start=start,
                end=max(start, float(item.end)),
                confidence=float(item.confidence),
                speaker=item.speaker,
                channel=channel,
            )
        )
    return words


def _v2_words(event: ev.EndOfTurn) -> list[Word]:
    """Flux words may lack times: spread those evenly over the turn's audio window."""
    message = event.message
    items = event.words
    window_start = 0.0 if message.audio_window_start is None else message.audio_window_start
    window_end = window_start if message.audio_window_end is None else message.audio_window_end
    step = (window_end - window_start) / len(items) if items else 0.0
    words: list[Word] = []
    for index, item in enumerate(items):
        start = window_start + index * step if item.start is None else item.start
        end = start + step if item.end is None else item.end
        start = max(0.0, float(start))
        words.append(
            Word(
                text=item.word, start=start, end=max(start, float(end)), confidence=item.confidence
            )
        )
    return words


def transcript_from_finals(
    finals: Sequence[ev.Results | ev.EndOfTurn], *, model: str, duration: float | None
) -> Transcript:
    """Words with times and confidence from every final event, in order (in time order
    across channels for a multichannel stream, whose finals come channel by channel)."""
    words: list[Word] = []
    for event in finals:
        words.extend(_v1_words(event) if isinstance(event, ev.Results) else _v2_words(event))
    if any(word.channel is not None for word in words):
        words.sort(key=lambda word: (word.start, word.channel or 0))
    return Transcript.from_words(words, model=model, duration=duration, raw=tuple(finals))
