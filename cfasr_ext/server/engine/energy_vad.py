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

from .decode import SAMPLE_RATE
from .vad import CHUNK_SAMPLES, StreamingVad, VadEvent, VadFrame, VadUpdate
from .vad import _to_float as to_float_samples

FRAME_SAMPLES = CHUNK_SAMPLES
"""32 ms at 16 kHz, as Silero's frames, so frame times line up whichever VAD runs."""

DEFAULT_THRESHOLD_DBFS = -45.0
"""Quiet consonants of close-miked speech stay above it; digital silence and a quiet room's
noise floor (about -60 dBFS) stay below."""

PROBABILITY_SPAN_DB = 20.0
"""``VadFrame.probability`` rises linearly from 0 to 1 over threshold ± this many dB, so a
frame at the threshold scores 0.5 (the speech cut-off the recognizers use)."""

_SILENT_DBFS = -200.0
_EMPTY = np.zeros(0, dtype=np.float32)


class VoiceActivityDetector(Protocol):
    """What the streaming recognizers need from a VAD (both implementations offer it)."""

    def process(self, frame: npt.NDArray[Any] | bytes | bytearray | memoryview) -> VadUpdate:
        """Feed 16 kHz mono audio; frames scored and transitions confirmed by it."""
        ...

    def flush(self) -> VadUpdate:
        """End of stream: score the tail and close an open speech region."""
        ...


class EnergyVad:
    """Loudness-only stand-in for :class:`~.vad.StreamingVad`, for skip mode only.

    One instance per stream (it keeps the stream's clock). ``threshold_dbfs`` is the frame RMS
    level, in dB relative to full scale, at or above which a frame counts as speech.
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
        self.min_speech = min_speech_ms / 1000.0
        self.min_silence = min_silence_ms / 1000.0
        self.speech_pad = speech_pad_ms / 1000.0
        self.reset()

    def reset(self) -> None:
        """Start a new stream: clears the audio clock and any open region."""
        self._pending = _EMPTY
        self._samples_done = 0
        self._in_speech = False
        self._candidate_start: float | None = None
        self._silence_start: float | None = None
        self._last_speech_end = 0.0

    @property
    def in_speech(self) -> bool:
        return self._in_speech

    @property
    def position(self) -> float:
        """Seconds of audio consumed so far (excluding a buffered partial frame)."""
        return self._samples_done / SAMPLE_RATE

    def process(self, frame: npt.NDArray[Any] | bytes | bytearray | memoryview) -> VadUpdate:
        """Accept 16 kHz mono audio: float32 in [-1, 1], int16, or raw s16le bytes."""
        samples = to_float_samples(frame)
        if self._pending.size:
            samples = np.concatenate([self._pending, samples])
        whole = samples.size - samples.size % FRAME_SAMPLES
        self._pending = samples[whole:].copy()
        frames: list[VadFrame] = []
        events: list[VadEvent] = []
        if whole:
            levels = frame_levels(samples[:whole])
            for level in levels.tolist():
                self._step(level, FRAME_SAMPLES, frames, events)
        return VadUpdate(tuple(frames), tuple(events))

    def flush(self) -> VadUpdate:
        """End of stream: score the buffered tail and close an open speech region."""
        frames: list[VadFrame] = []
        events: list[VadEvent] = []
        if self._pending.size:
            tail = self._pending
            self._pending = _EMPTY
            padded = np.zeros(FRAME_SAMPLES, dtype=np.float32)
            padded[: tail.size] = tail
            self._step(float(frame_levels(padded)[0]), tail.size, frames, events)
        if self._in_speech:
            end = self._silence_start if self._silence_start is not None else self.position
            events.append(
                VadEvent("speech_end", min(end + self.speech_pad, self.position), self.position)
            )
            self._in_speech = False
            self._silence_start = None
        self._candidate_start = None
        return VadUpdate(tuple(frames), tuple(events))

    def _step(
        self, level: float, real_samples: int, frames: list[VadFrame], events: list[VadEvent]
    ) -> None:
        start = self._samples_done / SAMPLE_RATE
        self._samples_done += real_samples
        end = self._samples_done / SAMPLE_RATE
        frames.append(VadFrame(start, end, self._probability(level)))
        speech = level >= self.threshold_dbfs
        if not self._in_speech:
            if not speech:
                self._candidate_start = None
                return
            if self._candidate_start is None:
                self._candidate_start = start
            if end - self._candidate_start >= self.min_speech:
                begin = max(self._candidate_start - self.speech_pad, self._last_speech_end, 0.0)
                events.append(VadEvent("speech_start", begin, end))
                self._in_speech = True
                self._candidate_start = None
                self._silence_start = None
            return
        if speech:
            self._silence_start = None
            return
        if self._silence_start is None:
            self._silence_start = start
        if end - self._silence_start >= self.min_silence:
            stop = min(self._silence_start + self.speech_pad, end)
            events.append(VadEvent("speech_end", stop, end))
            self._last_speech_end = stop
            self._in_speech = False
            self._silence_start = None

    def _probability(self, level: float) -> float:
        scaled = 0.5 + (level - self.threshold_dbfs) / (2 * PROBABILITY_SPAN_DB)
        return min(max(scaled, 0.0), 1.0)


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
