"""Short clips are encoded without 30 s of padding; the bundled samples stay exact (issue 16.4)."""

from __future__ import annotations

import numpy as np
import pytest

from cfasr_emulator.engine import SAMPLES, Sample, SpeechEngine, decode_audio
from cfasr_emulator.engine.short_window import (
    FULL_WINDOW_FRAMES,
    MIN_WINDOW_FRAMES,
    content_frames,
    trim_padding,
    window_frames,
)
from tests.cfasr_emulator.engine.decoding import decoding


def _padded(content: int, mels: int = 80) -> np.ndarray:
    """Features as faster-whisper hands them to the encoder: audio, then zero padding."""
    features = np.zeros((mels, FULL_WINDOW_FRAMES), dtype=np.float32)
    features[:, :content] = np.linspace(-1.0, 1.0, content, dtype=np.float32)
    features[:, :content] += 0.5  # no column of real audio is all zeros
    return features


@pytest.mark.parametrize(
    ("content", "frames"),
    [(0, MIN_WINDOW_FRAMES), (390, MIN_WINDOW_FRAMES), (830, 1200), (1250, 1600), (2800, 3000)],
)
def test_the_window_is_the_audio_plus_three_seconds_in_whole_seconds(
    content: int, frames: int
) -> None:
    assert window_frames(content) == frames
    trimmed = trim_padding(_padded(content))
    assert trimmed.shape == (80, frames)
    assert content_frames(trimmed) == content


def test_a_full_window_is_left_as_it_is() -> None:
    features = _padded(FULL_WINDOW_FRAMES)
    assert trim_padding(features) is features
    batched = _padded(391)[np.newaxis]
    assert trim_padding(batched).shape == (1, 80, MIN_WINDOW_FRAMES)


@pytest.fixture(scope="module")
def engine() -> SpeechEngine:
    return SpeechEngine()


@pytest.mark.parametrize("model", ["tiny.en", "base"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.path.stem)
def test_bundled_samples_are_transcribed_exactly(
    engine: SpeechEngine, model: str, sample: Sample
) -> None:
    audio = decode_audio(sample.path.read_bytes())
    result = engine.transcribe(audio, model=model, options=decoding())  # type: ignore[arg-type]
    assert result.text == sample.text
