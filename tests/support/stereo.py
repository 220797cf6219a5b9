"""A stereo "call" built from the emulator's bundled samples, for the multichannel tests.

Channel 0 says the weather sentence; channel 1, starting a second later so the two overlap,
says the first sentence of the two-sentence sample ("Please send the weekly report to the
finance team."). No word that marks one sentence occurs in the other, so a test can prove
each channel was heard on its own: mixed down, the overlap garbles both.
Built here with numpy and wave rather than committed as a binary.
"""

from __future__ import annotations

import functools
import io
import wave

import attrs
import numpy as np

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER

RATE = 16_000
FIRST_SENTENCE_S = 4.0
"""Where the two-sentence sample is cut: in its 1.5 s pause, after "…the finance team."."""
DELAY_S = 1.0
"""Channel 1 starts this much later than channel 0."""

CHANNEL_WORDS = (
    ("weather", "nice", "today", "meet", "park"),
    ("please", "send", "weekly", "report", "finance", "team"),
)
"""Words that mark each channel's sentence (none occurs in the other sentence)."""


@attrs.frozen
class StereoCall:
    pcm: bytes
    """Interleaved 16-bit little-endian PCM at 16 kHz, two channels."""
    wav: bytes
    """The same audio as a stereo WAV file."""
    duration: float


def _mono(path: object) -> np.ndarray:
    with wave.open(str(path)) as source:
        assert (source.getframerate(), source.getnchannels(), source.getsampwidth()) == (
            RATE,
            1,
            2,
        )
        return np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")


@functools.cache
def stereo_call() -> StereoCall:
    left = _mono(WEATHER.path)
    right = np.concatenate(
        [
            np.zeros(int(DELAY_S * RATE), dtype="<i2"),
            _mono(TWO_SENTENCES.path)[: int(FIRST_SENTENCE_S * RATE)],
        ]
    )
    length = max(left.size, right.size) + RATE // 2  # half a second of silence at the end
    frames = np.zeros((length, 2), dtype="<i2")
    frames[: left.size, 0] = left
    frames[: right.size, 1] = right
    pcm = frames.tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm)
    return StereoCall(pcm=pcm, wav=buffer.getvalue(), duration=length / RATE)


def words_of(text: str) -> set[str]:
    """Lower-case words of ``text`` without punctuation."""
    return {"".join(c for c in w if c.isalnum() or c == "'") for w in text.lower().split()}
