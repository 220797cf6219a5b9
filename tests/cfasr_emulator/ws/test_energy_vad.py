"""The skip-mode energy VAD finds speech by loudness, and only skip mode uses it."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from cfasr_emulator.engine import (
    SAMPLE_RATE,
    EnergyVad,
    StreamingVad,
    VadEvent,
    streaming_vad,
)

TOLERANCE_S = 0.15
TWO_SENTENCES_SPEECH = ((0.25, 3.15), (4.80, 8.05))


def regions(events: list[VadEvent]) -> list[tuple[float, float]]:
    starts = [e.time for e in events if e.kind == "speech_start"]
    ends = [e.time for e in events if e.kind == "speech_end"]
    assert len(starts) == len(ends)
    return list(zip(starts, ends, strict=True))


def stream(vad: EnergyVad, audio: bytes | npt.NDArray[Any], chunk: int) -> list[VadEvent]:
    """Feed ``audio`` in pieces of ``chunk`` samples, as a WebSocket client would."""
    events: list[VadEvent] = []
    step = chunk * 2 if isinstance(audio, bytes) else chunk
    for offset in range(0, len(audio), step):
        events += vad.process(audio[offset : offset + step]).events
    return events + list(vad.flush().events)


def tone(seconds: float, *, amplitude: float = 0.3, hz: float = 440.0) -> npt.NDArray[np.float32]:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def silence(seconds: float) -> npt.NDArray[np.float32]:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


@pytest.mark.parametrize("chunk", [1280, 333, 8000])
def test_finds_both_sentences_of_the_bundled_sample(two_sentences_pcm: bytes, chunk: int) -> None:
    found = regions(stream(EnergyVad(), two_sentences_pcm, chunk))
    assert len(found) == len(TWO_SENTENCES_SPEECH)
    for (start, end), (want_start, want_end) in zip(found, TWO_SENTENCES_SPEECH, strict=True):
        assert start == pytest.approx(want_start, abs=TOLERANCE_S)
        assert end == pytest.approx(want_end, abs=TOLERANCE_S)


def test_a_tone_between_silences_is_one_region_with_padded_edges() -> None:
    audio = np.concatenate([silence(1.0), tone(2.0), silence(1.5)])
    [(start, end)] = regions(stream(EnergyVad(speech_pad_ms=30), audio, 1280))
    assert (start, end) == pytest.approx((0.97, 3.03), abs=0.04)


def test_speech_end_waits_for_the_hangover() -> None:
    vad = EnergyVad(min_silence_ms=500)
    events = stream(vad, np.concatenate([tone(1.0), silence(2.0)]), 512)
    end = next(e for e in events if e.kind == "speech_end")
    assert end.detected_at - end.time >= 0.5 - 0.03 - 0.032


def test_a_pause_shorter_than_the_hangover_keeps_one_region() -> None:
    audio = np.concatenate([tone(1.0), silence(0.3), tone(1.0), silence(1.0)])
    assert len(regions(stream(EnergyVad(min_silence_ms=500), audio, 1280))) == 1


def test_a_click_shorter_than_min_speech_opens_no_region() -> None:
    audio = np.concatenate([silence(1.0), tone(0.05), silence(1.0)])
    assert regions(stream(EnergyVad(min_speech_ms=96), audio, 1280)) == []


def test_a_tone_below_the_threshold_is_silence() -> None:
    quiet = tone(2.0, amplitude=10 ** (-60 / 20))
    assert regions(stream(EnergyVad(threshold_dbfs=-45.0), quiet, 1280)) == []


def test_frame_probability_is_half_at_the_threshold_and_saturates() -> None:
    vad = EnergyVad(threshold_dbfs=-30.0)
    at_threshold = np.full(512, 10 ** (-30 / 20), dtype=np.float32)
    loud = np.full(512, 0.9, dtype=np.float32)
    frames = vad.process(np.concatenate([silence(0.032), at_threshold, loud])).frames
    assert [f.probability for f in frames] == [0.0, pytest.approx(0.5, abs=1e-3), 1.0]
    assert [(f.start, f.end) for f in frames] == [(0.0, 0.032), (0.032, 0.064), (0.064, 0.096)]


def test_accepts_int16_float32_and_bytes_alike() -> None:
    audio = np.concatenate([silence(0.5), tone(1.0), silence(1.0)])
    pcm = (audio * 32767).astype(np.int16)
    found = [regions(stream(EnergyVad(), a, 1280)) for a in (audio, pcm, pcm.tobytes())]
    assert found[0] == found[1] == found[2] != []


@pytest.mark.parametrize("threshold", [0.0, -120.0, 3.0])
def test_a_threshold_outside_the_dbfs_range_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold_dbfs"):
        EnergyVad(threshold_dbfs=threshold)


def test_only_skip_mode_gets_the_energy_vad() -> None:
    assert isinstance(streaming_vad(recognition_skipped=True), EnergyVad)
    assert isinstance(streaming_vad(recognition_skipped=False), StreamingVad)
