"""A cheap energy-based VAD for the emulator's skip-recognition mode (transport benchmarks).

Silero runs at about 25× real time on two cores, which would cap a skip-mode stream far below
what the transport can do. In skip mode nothing is recognised anyway, so speech is told from
silence by loudness alone: the RMS level of each 32 ms frame against a fixed threshold, with
``min_speech_ms`` to open a region and a ``min_silence_ms`` hangover to close it. It keeps
:class:`~.vad.StreamingVad`'s interface and event timing rules, so the streaming recognizers
behave the same, but it is no speech detector: noise or music above the threshold counts as
speech. It is never used when the engine really recognises speech.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from .vad import CHUNK_SAMPLES, FrameVad, StreamingVad, VadUpdate

FRAME_SAMPLES = CHUNK_SAMPLES
"""32 ms at 16 kHz, as Silero's frames, so frame times line up whichever VAD runs."""

DEFAULT_THRESHOLD_DBFS = -45.0
"""Quiet consonants of close-miked speech stay above it; digital silence and a quiet room's
noise floor (about -60 dBFS) stay below."""

PROBABILITY_SPAN_DB = 20.0
"""``VadFrame.probability`` rises linearly from 0 to 1 over threshold ± this many dB, so a
frame at the threshold scores 0.5 (the speech cut-off the recognizers use)."""

_SILENT_DBFS = -200.0


class VoiceActivityDetector(Protocol):
    """What the streaming recognizers need from a VAD (both implementations offer it)."""

    def process(self, frame: npt.NDArray[Any] | bytes | bytearray | memoryview) -> VadUpdate:
        """Feed 16 kHz mono audio; frames scored and transitions confirmed by it."""
        ...

    def flush(self) -> VadUpdate:
        """End of stream: score the tail and close an open speech region."""
        ...


class EnergyVad(FrameVad):
    """Loudness-only stand-in for :class:`~.vad.StreamingVad`, for skip mode only.

    ``threshold_dbfs`` is the frame RMS level, in dB relative to full scale, at or above which
    a frame counts as speech; it maps to probability 0.5, the state machine's threshold, with
    no hysteresis band.
    """

    def __init__(
        self,
        *,
        threshold_dbfs: float = DEFAULT_THRESHOLD_DBFS,
        min_speech_ms: int = 96,
        min_silence_ms: int = 500,
        speech_pad_ms: int = 30,
    ) -> None:
        if not -120.0 < threshold_dbfs < 0.0:
            raise ValueError("threshold_dbfs must be between -120 and 0 dBFS")
        self.threshold_dbfs = threshold_dbfs
        super().__init__(
            threshold=0.5,
            neg_threshold=0.5,
            min_speech_ms=min_speech_ms,
            min_silence_ms=min_silence_ms,
            speech_pad_ms=speech_pad_ms,
        )

    def _score(self, samples: npt.NDArray[np.float32]) -> list[float]:
        scaled = 0.5 + (frame_levels(samples) - self.threshold_dbfs) / (2 * PROBABILITY_SPAN_DB)
        return [float(p) for p in np.clip(scaled, 0.0, 1.0)]


def frame_levels(samples: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """RMS level in dBFS of each whole 32 ms frame of ``samples`` (a partial tail is ignored)."""
    count = samples.size // FRAME_SAMPLES
    framed = samples[: count * FRAME_SAMPLES].reshape(count, FRAME_SAMPLES).astype(np.float64)
    power: npt.NDArray[np.float64] = np.square(framed).mean(axis=1)
    with np.errstate(divide="ignore"):
        levels: npt.NDArray[np.float64] = 10.0 * np.log10(power)
    return np.maximum(levels, _SILENT_DBFS)


def streaming_vad(*, recognition_skipped: bool, min_silence_ms: int = 500) -> VoiceActivityDetector:
    """The VAD for a streaming session: Silero when the engine recognises speech, the energy
    VAD when it skips recognition (transport benchmarks), where Silero would be the bottleneck.
    """
    if recognition_skipped:
        return EnergyVad(min_silence_ms=min_silence_ms)
    return StreamingVad(min_silence_ms=min_silence_ms)
