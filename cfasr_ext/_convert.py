"""Each model's typed result → the common `Transcript`.

Most fields of the generated results may be absent (None), and live outputs do leave parts
out (no `metadata.duration` from nova-3, no segments from turbo), so each conversion takes what
is there: a word without text is dropped, a missing start falls back to the previous word's
end, a missing end to its own start, and an end before its start is raised to the start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs
from cfasr_client.models import (
    Nova3Alternative,
    Nova3Channel,
    Nova3Result,
    TurboResult,
    TurboSegment,
    TurboWord,
    WhisperResult,
    WhisperWord,
)

from cfasr_ext._model_names import WHISPER_TINY_EN, short_name
from cfasr_ext.subtitles import SubtitleFormatError, parse_vtt
from cfasr_ext.transcript import Segment, Transcript, Word, join_words

__all__ = ["transcript_from_result"]

_T = TypeVar("_T")

#: Models that only ever hear one language, so their transcripts can say which.
_FIXED_LANGUAGE = {WHISPER_TINY_EN: "en", short_name(WHISPER_TINY_EN): "en"}


def transcript_from_result(
    model: str, result: WhisperResult | TurboResult | Nova3Result
) -> Transcript:
    """The common transcript of a whisper, whisper-tiny-en, whisper-large-v3-turbo or nova-3
    result; `raw` keeps the result. Raises `TypeError` for any other object."""
    if isinstance(result, WhisperResult):
        return _from_whisper(model, result)
    if isinstance(result, TurboResult):
        return _from_turbo(model, result)
    if isinstance(result, Nova3Result):
        return _from_nova_3(model, result)
    raise TypeError(
        f"cannot make a transcript from {type(result).__name__}; expected WhisperResult, "
        "TurboResult or Nova3Result"
    )


def _from_whisper(model: str, result: WhisperResult) -> Transcript:
    words = _timed_words(_whisper_word_fields(result.words))
    text = _text(result.text)
    language = _FIXED_LANGUAGE.get(model)
    if words:
        return Transcript.from_words(
            words, model=model, language=language, raw=result, text=text or join_words(words)
        )
    return Transcript(
        text=text,
        words=(),
        segments=_segments_from_vtt(result.vtt),
        language=language,
        duration=None,
        model=model,
        raw=result,
    )


def _from_turbo(model: str, result: TurboResult) -> Transcript:
    segments = tuple(
        segment
        for segment in (_turbo_segment(item) for item in _listed(result.segments))
        if segment is not None
    )
    words = tuple(word for segment in segments for word in segment.words)
    info = result.transcription_info
    language = None if info is None else info.language
    duration = None if info is None else info.duration
    if not segments:
        segments = _segments_from_vtt(result.vtt)
    text = _text(result.text) or " ".join(segment.text for segment in segments)
    return Transcript(
        text=text,
        words=words,
        segments=segments,
        language=language,
        duration=duration,
        model=model,
        raw=result,
    )


def _from_nova_3(model: str, result: Nova3Result) -> Transcript:
    channels = _channels(result)
    metadata = result.metadata
    duration = None if metadata is None else metadata.duration
    language = _language(channels[0]) if channels else None
    if len(channels) > 1:
        # multichannel: every channel's words, tagged with their channel, in time order.
        words = sorted(
            (
                attrs.evolve(word, channel=index)
                for index, channel in enumerate(channels)
                for word in _nova_3_words(_best(channel))
            ),
            key=lambda word: (word.start, word.channel),
        )
        return Transcript.from_words(
            words, model=model, language=language, duration=duration, raw=result
        )
    alternative = _best(channels[0]) if channels else None
    words = _nova_3_words(alternative)
    transcript = "" if alternative is None else _text(alternative.transcript)
    return Transcript.from_words(
        words,
        model=model,
        language=language,
        duration=duration,
        raw=result,
        text=transcript or join_words(words),
    )


def _channels(result: Nova3Result) -> Sequence[Nova3Channel]:
    """One entry per audio channel with `multichannel`, else the one (mixed) channel."""
    return result.results.channels


def _best(channel: Nova3Channel) -> Nova3Alternative | None:
    """A channel's best hypothesis."""
    alternatives = _listed(channel.alternatives)
    return alternatives[0] if alternatives else None


def _language(channel: Nova3Channel) -> str | None:
    """The language detected for the channel, else the first its best alternative lists."""
    language = channel.detected_language
    alternative = _best(channel)
    if language is None and alternative is not None:
        languages = _listed(alternative.languages)
        language = languages[0] if languages else None
    return language


def _nova_3_words(alternative: Nova3Alternative | None) -> list[Word]:
    if alternative is None:
        return []
    fields: list[tuple[str | None, float | None, float | None, float | None, int | None]] = []
    for item in _listed(alternative.words):
        text = item.punctuated_word or item.word
        fields.append(
            (
                text,
                item.start,
                item.end,
                item.confidence,
                item.speaker,
            )
        )
    return _timed_words(fields)


def _turbo_segment(segment: TurboSegment) -> Segment | None:
    words = _timed_words(_whisper_word_fields(segment.words))
    text = _text(segment.text) or join_words(words)
    start = segment.start
    end = segment.end
    if start is None:
        start = words[0].start if words else None
    if end is None:
        end = max((word.end for word in words), default=start)
    if start is None or end is None or not text:
        return None
    start = max(0.0, start)
    return Segment(text=text, start=start, end=max(start, end), words=tuple(words))


def _whisper_word_fields(
    words: Sequence[WhisperWord | TurboWord] | None,
) -> list[tuple[str | None, float | None, float | None, None, None]]:
    return [(item.word, item.start, item.end, None, None) for item in _listed(words)]


def _timed_words(
    fields: Iterable[tuple[str | None, float | None, float | None, float | None, int | None]],
) -> list[Word]:
    """Words from (text, start, end, confidence, speaker), repairing missing or inverted times;
    a word with no time at all and nothing before it starts at 0."""
    words: list[Word] = []
    for text, start, end, confidence, speaker in fields:
        cleaned = (text or "").strip()
        if not cleaned:
            continue
        previous_end = words[-1].end if words else 0.0
        begin = max(0.0, previous_end if start is None else start)
        finish = begin if end is None else max(begin, end)
        words.append(Word(cleaned, begin, finish, confidence=confidence, speaker=speaker))
    return words


def _segments_from_vtt(vtt: str | None) -> tuple[Segment, ...]:
    """Segments from the model's own WebVTT, the only timing some outputs carry."""
    if vtt is None or not vtt.strip():
        return ()
    try:
        cues = parse_vtt(vtt)
    except SubtitleFormatError:
        return ()
    return tuple(
        Segment(text=" ".join(cue.lines), start=cue.start, end=cue.end)
        for cue in cues
        if " ".join(cue.lines).strip()
    )


def _listed(items: Sequence[_T] | None) -> Sequence[_T]:
    return [] if items is None else items


def _text(value: str | None) -> str:
    return "" if value is None else value.strip()
