"""One recognised word as both of nova-3's transports spell it.

Kept apart from ``ws`` so that the POST's result builder and the word options
(:mod:`.word_options`) use the very record the stream uses without importing the WebSocket
package (which imports them back).
"""

from __future__ import annotations

import re

import attrs

__all__ = ["StreamWord", "bare_word"]

_EDGE_PUNCTUATION = re.compile(r"^[^\w']+|[^\w']+$")


def bare_word(text: str) -> str:
    """Whisper's spelling (" today,") as the POST's bare lower-case ``word`` ("today"):
    edge punctuation off, apostrophes kept ("'til")."""
    return _EDGE_PUNCTUATION.sub("", text).lower()


@attrs.frozen
class StreamWord:
    """One recognised word: bare lower-case ``word``, its ``punctuated`` spelling, and times
    in seconds from the start of the recording (or of the stream)."""

    word: str
    punctuated: str
    start: float
    end: float
    confidence: float
    speaker: int | None = None
    """Who said it (0-based, nova-3 ``diarize=true``); ``None`` when not asked for."""
    speaker_confidence: float | None = None
