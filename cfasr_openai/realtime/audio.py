"""OpenAI's input formats → linear16 mono at 16 kHz, the audio nova-3 and flux are sent.

OpenAI sends pcm16 at 24 kHz, or G.711 u-law / A-law at 8 kHz. PyAV (the gateway's `audio`
extra) decodes each with FFmpeg's own codec and resamples with a stateful resampler, so
chunks of any size join without clicks and no sample is dropped between them. The work is
CPU-bound: the endpoint runs `convert` in a worker thread, never on the event loop.
"""

from __future__ import annotations

import av
import numpy as np

from .session_config import PCM_RATE, UPSTREAM_SAMPLE_RATE

__all__ = ["AudioConverter", "input_bytes_per_ms"]

_CODECS = {
    "audio/pcm": ("pcm_s16le", PCM_RATE, 2),
    "audio/pcmu": ("pcm_mulaw", 8000, 1),
    "audio/pcma": ("pcm_alaw", 8000, 1),
}
"""Format → (FFmpeg decoder, its sample rate, bytes per sample). G.711 is 8 kHz by
definition (ITU-T G.711); OpenAI's pcm16 rate is `PCM_RATE`."""


def input_bytes_per_ms(audio_format: str) -> float:
    """Bytes of client audio per millisecond, to place events on the client's timeline."""
    _, rate, width = _CODECS[audio_format]
    return rate * width / 1000


class AudioConverter:
    """Decode + resample one session's audio; `convert` keeps state between calls (a
    trailing odd byte of pcm16, the resampler's filter history). Not thread-safe: one call
    at a time, in order."""

    def __init__(self, audio_format: str) -> None:
        codec, rate, width = _CODECS[audio_format]
        self._width = width
        self._decoder = av.CodecContext.create(codec, "r")
        self._decoder.sample_rate = rate  # type: ignore[attr-defined]
        self._decoder.layout = "mono"  # type: ignore[attr-defined]
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=UPSTREAM_SAMPLE_RATE)
        self._pending = b""

    def convert(self, data: bytes) -> bytes:
        """linear16 16 kHz mono for `data` (possibly empty: the resampler keeps a few
        samples back until the next call)."""
        data = self._pending + data
        whole = len(data) - len(data) % self._width
        self._pending = data[whole:]
        if not whole:
            return b""
        out: list[bytes] = []
        for frame in self._decoder.decode(av.Packet(data[:whole])):  # type: ignore[attr-defined]
            for resampled in self._resampler.resample(frame):
                out.append(_samples(resampled))
        return b"".join(out)


def _samples(frame: av.AudioFrame) -> bytes:
    array = frame.to_ndarray()
    return np.ascontiguousarray(array.reshape(-1), dtype="<i2").tobytes()
