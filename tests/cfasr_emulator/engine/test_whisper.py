"""Real recognition of the bundled samples with both local models, plus the engine's plumbing."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from cfasr_emulator.engine import (
    SKIP_MODEL_NAME,
    TWO_SENTENCES,
    WEATHER,
    AudioDecodeError,
    Engine,
    EngineBusy,
    EngineResult,
    NullEngine,
    SpeechEngine,
    choose_model,
    decode_audio,
)
from tests.cfasr_emulator.engine.decoding import decoding

Floats = npt.NDArray[np.float32]


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SpeechEngine:
    """One engine, models loaded once for the whole session (loading is the slow part)."""
    eng = SpeechEngine(cache_dir=tmp_path_factory.mktemp("model-cache"))
    eng.preload()
    return eng


@pytest.fixture(scope="session")
def weather() -> Floats:
    return decode_audio(WEATHER.path.read_bytes())


@pytest.fixture(scope="session")
def two() -> Floats:
    return decode_audio(TWO_SENTENCES.path.read_bytes())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def _check_timing(result: EngineResult, duration: float) -> None:
    words = result.words
    assert words
    for w in words:
        assert 0.0 <= w.start <= w.end <= duration + 0.05, w
        assert 0.0 <= w.probability <= 1.0
    starts = [w.start for w in words]
    assert starts == sorted(starts)
    for seg in result.segments:
        assert seg.start <= seg.end <= duration + 0.05
        assert seg.text.strip()


def test_models_load_once_and_offline(engine: SpeechEngine) -> None:
    assert set(engine.loaded_models()) == {"tiny.en", "base"}
    assert set(engine.load_seconds) == {"tiny.en", "base"}
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


@pytest.mark.parametrize("model", ["tiny.en", "base"])
def test_transcribes_bundled_sample(engine: SpeechEngine, weather: Floats, model: str) -> None:
    result = engine.transcribe(weather, model=model, options=decoding())  # type: ignore[arg-type]
    words = _words(result.text)
    for key in ("weather", "nice", "meet", "park"):
        assert key in words, result.text
    assert result.model_name == model
    assert result.language == "en"
    assert result.duration == pytest.approx(WEATHER.duration, abs=0.01)
    assert 0 < result.duration_after_vad <= result.duration
    assert not result.recognition_skipped
    _check_timing(result, WEATHER.duration)


def test_pause_between_sentences_shows_in_word_times(engine: SpeechEngine, two: Floats) -> None:
    result = engine.transcribe(two, model="tiny.en", options=decoding())
    words = _words(result.text)
    for key in ("please", "weekly", "report", "finance", "weather", "park"):
        assert key in words, result.text
    _check_timing(result, TWO_SENTENCES.duration)
    gaps = [b.start - a.end for a, b in zip(result.words, result.words[1:], strict=False)]
    assert max(gaps) > 0.3


def test_detect_language(engine: SpeechEngine, weather: Floats) -> None:
    detection = engine.detect_language(weather, model="base")
    assert detection.language == "en"
    assert detection.probability > 0.5
    assert detection.candidates[0] == ("en", detection.probability)
    assert engine.detect_language(weather, model="tiny.en").language == "en"


def test_explicit_options_are_passed_through(engine: SpeechEngine, weather: Floats) -> None:
    result = engine.transcribe(
        weather,
        model="base",
        options=decoding(
            language="en", beam_size=1, vad_filter=False, initial_prompt="Weather report."
        ),
        word_timestamps=False,
    )
    assert "park" in _words(result.text)
    assert result.words == ()
    assert result.duration_after_vad == pytest.approx(result.duration)


def test_tiny_en_refuses_other_languages(engine: SpeechEngine, weather: Floats) -> None:
    with pytest.raises(ValueError, match="English"):
        engine.transcribe(weather, model="tiny.en", options=decoding(language="fr"))
    with pytest.raises(ValueError, match="unsupported language"):
        engine.transcribe(weather, model="base", options=decoding(language="xx"))


def test_empty_or_bad_audio(engine: SpeechEngine) -> None:
    with pytest.raises(AudioDecodeError, match="empty"):
        engine.transcribe(np.zeros(0, dtype=np.float32), model="tiny.en", options=decoding())
    with pytest.raises(ValueError, match="mono"):
        engine.transcribe(np.zeros((2, 100), dtype=np.float32), model="tiny.en", options=decoding())


def test_busy_when_queue_is_full(weather: Floats) -> None:
    eng = SpeechEngine(max_queue=1)  # Refusal happens before any model is loaded.
    held = eng.admit()
    assert eng.in_flight == 1
    assert eng.try_admit() is None
    with pytest.raises(EngineBusy):
        eng.admit()
    with pytest.raises(EngineBusy):
        eng.transcribe(weather, model="tiny.en", options=decoding())
    held.release()
    held.release()  # idempotent
    assert eng.in_flight == 0
    with eng.admit():
        assert eng.in_flight == 1
    assert eng.in_flight == 0


def test_admission_is_shared_with_transcribe(engine: SpeechEngine, weather: Floats) -> None:
    with engine.admit() as slot:
        in_use = engine.in_flight
        engine.transcribe(
            weather[: 16_000 * 2], model="tiny.en", admission=slot, options=decoding(beam_size=1)
        )
        assert engine.in_flight == in_use
    assert engine.in_flight == in_use - 1


def test_concurrent_first_use_loads_once(weather: Floats, tmp_path: Path) -> None:
    eng = SpeechEngine(max_queue=4, cache_dir=tmp_path)
    results: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result = eng.transcribe(weather, model="tiny.en", options=decoding(beam_size=1))
            results.append(result.text)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 3
    assert len(set(results)) == 1
    assert list(eng.load_seconds) == ["tiny.en"]


def test_null_engine_is_labelled(weather: Floats) -> None:
    null: Engine = NullEngine(max_queue=1)
    result = null.transcribe(weather, model="base", options=decoding(language="de"))
    assert result.recognition_skipped
    assert result.model_name == SKIP_MODEL_NAME == "skip-recognition"
    assert result.text == ""
    assert result.segments == ()
    assert result.duration == pytest.approx(WEATHER.duration)
    with null.admit(), pytest.raises(EngineBusy):
        null.transcribe(weather, model="base", options=decoding())
    assert null.detect_language(weather).model_name == SKIP_MODEL_NAME


@pytest.mark.parametrize(
    ("cf_model", "language", "detect", "expected"),
    [
        ("@cf/openai/whisper-tiny-en", None, False, "tiny.en"),
        ("@cf/openai/whisper-tiny-en", None, True, "tiny.en"),
        ("@cf/openai/whisper", None, False, "tiny.en"),
        ("@cf/openai/whisper", "en", False, "tiny.en"),
        ("@cf/openai/whisper", "fr", False, "base"),
        ("@cf/openai/whisper", None, True, "base"),
        ("@cf/deepgram/nova-3", None, False, "tiny.en"),
        ("@cf/deepgram/nova-3", "es", False, "base"),
        ("@cf/openai/whisper-large-v3-turbo", None, False, "base"),
        ("whisper-large-v3-turbo", "en", False, "base"),
    ],
)
def test_choose_model(cf_model: str, language: str | None, detect: bool, expected: str) -> None:
    assert choose_model(cf_model, language=language, detect_language=detect) == expected


def test_choose_model_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="no local model"):
        choose_model("@cf/meta/llama-3")
