"""Whisper's words, placed on the stream's clock and spelt the way Deepgram spells them.

Whisper returns words with a leading space and attached punctuation (" today,"); Deepgram
gives a bare lower-case ``word`` plus a ``punctuated_word``. Times are shifted from the
decoded clip onto the stream, so they follow the audio rather than the wall clock.
"""

from __future__ import annotations

import math
import string

from ..engine import EngineResult, EngineSegment, EngineWord
from ..heard_word import StreamWord

__all__ = ["StreamWord", "mean_confidence", "stream_words", "transcript"]

_STRIP = string.punctuation + "“”‘’«»¿¡…—–"


def stream_words(
    result: EngineResult, *, offset: float, limit: float | None = None
) -> tuple[StreamWord, ...]:
    """Words of a clip that starts ``offset`` s into the stream, ending no later than ``limit``.

    ``limit`` keeps Whisper from stretching the last word over the silence that follows it,
    which would push ``last_word_end`` (and so UtteranceEnd) late. A segment decoded without
    word times (an interim's quick decode) has its words spread evenly over the segment.
    """
    words: list[StreamWord] = []
    for w in (w for s in result.segments for w in (s.words or _spread(s))):
        punctuated = w.word.strip()
        bare = punctuated.strip(_STRIP).lower()
        if not bare:
            continue
        start = round(offset + w.start, 3)
        end = round(offset + w.end, 3)
        if limit is not None:
            start = min(start, limit)
            end = min(end, limit)
        words.append(StreamWord(bare, punctuated, start, max(start, end), round(w.probability, 4)))
    return tuple(words)


def _spread(segment: EngineSegment) -> tuple[EngineWord, ...]:
    """Evenly timed words for a segment that has text but no word times."""
    parts = segment.text.split()
    if not parts:
        return ()
    step = max(0.0, segment.end - segment.start) / len(parts)
    confidence = min(1.0, math.exp(segment.avg_logprob))
    return tuple(
        EngineWord(
            word=" " + part,
            start=segment.start + i * step,
            end=segment.start + (i + 1) * step,
            probability=confidence,
        )
        for i, part in enumerate(parts)
    )


def transcript(words: tuple[StreamWord, ...], *, punctuated: bool) -> str:
    return " ".join(w.punctuated if punctuated else w.word for w in words)


def mean_confidence(words: tuple[StreamWord, ...]) -> float:
    return round(sum(w.confidence for w in words) / len(words), 4) if words else 0.0
