"""What a decode without temperature fallback keeps: Whisper's own rejection rule, applied once.

faster-whisper decodes a window again at a higher temperature when its output is too
repetitive (gzip compression ratio over ``compression_ratio_threshold``) or too unlikely
(average log probability under ``log_prob_threshold``, unless the window is silence), up to
six times. The streams decode once (``SpeechEngine.transcribe(fallback=False)``), so such
output would be kept as it is: with 200 key terms, tiny.en ended the weather clip with "Brand10
Brand10...". The segments Whisper would have rejected are dropped instead, and so are those
that say one word :data:`REPEAT_RUN` or more times in a row: that loop scored under both of
Whisper's thresholds (compression 2.2, log probability -0.87).
"""

from __future__ import annotations

import re

from .decode_options import DecodeOptions
from .types import EngineSegment

__all__ = ["REPEAT_RUN", "rejected_dropped"]

REPEAT_RUN = 4
"""A segment saying one word this many times in a row is a decoder loop, not speech ("no, no,
no" is three)."""
_WORD = re.compile(r"[\w']+")


def _loops(text: str) -> bool:
    run, previous = 0, None
    for word in _WORD.findall(text.lower()):
        run = run + 1 if word == previous else 1
        if run >= REPEAT_RUN:
            return True
        previous = word
    return False


def _rejected(segment: EngineSegment, options: DecodeOptions) -> bool:
    if _loops(segment.text):
        return True
    ratio = options.compression_ratio_threshold
    if ratio is not None and segment.compression_ratio > ratio:
        return True
    floor = options.log_prob_threshold
    silence = options.no_speech_threshold
    if floor is None or segment.avg_logprob >= floor:
        return False
    # Whisper's rule: a low-probability window that is probably silence is not retried (its
    # text is skipped as silence by the decoder already), so only speech windows count here.
    return silence is None or segment.no_speech_prob <= silence


def rejected_dropped(
    segments: tuple[EngineSegment, ...], options: DecodeOptions
) -> tuple[EngineSegment, ...]:
    """``segments`` without those Whisper's thresholds reject."""
    return tuple(segment for segment in segments if not _rejected(segment, options))
