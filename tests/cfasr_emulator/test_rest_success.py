"""Each POST operation on the real engine: shapes validated against openapi.yaml, loose
checks on what was heard, real timings and the billing headers."""

from __future__ import annotations

import base64
import hashlib
import io
import wave
from typing import Any

import httpx
import pytest

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER
from cfasr_emulator.neurons import neurons_for
from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_emulator.conftest import post
from tests.support.spec import validate_exchange

KEY_WORDS = ("weather", "nice", "today", "meet", "park")


def assert_words_follow_the_audio(words: list[dict[str, Any]], duration: float) -> None:
    assert words
    starts = [w["start"] for w in words]
    assert starts == sorted(starts)
    for w in words:
        assert 0.0 <= w["start"] <= w["end"] <= duration + 0.05


def assert_envelope_headers(response: httpx.Response, model: str, seconds: float) -> None:
    body = response.json()
    assert body["success"] is True
    assert body["errors"] == []
    assert body["messages"] == []
    assert len(response.headers["cf-ai-req-id"]) == 36
    neurons = float(response.headers["cf-ai-neurons"])
    assert neurons == pytest.approx(neurons_for(model, seconds), rel=1e-3)


@pytest.mark.parametrize("model", ["@cf/openai/whisper", "@cf/openai/whisper-tiny-en"])
def test_whisper_transcribes_a_raw_audio_body(
    emulator: EmulatorHandle, weather_wav: bytes, model: str
) -> None:
    response = post(
        emulator,
        model,
        content=weather_wav,
        headers={"content-type": "application/octet-stream"},
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    assert_envelope_headers(response, model, WEATHER.duration)
    result = response.json()["result"]
    text = result["text"].lower()
    assert all(word in text for word in KEY_WORDS)
    assert result["word_count"] == len(result["words"])
    assert not result["words"][0]["word"].startswith(" ")
    assert_words_follow_the_audio(result["words"], WEATHER.duration)
    assert result["vtt"].startswith("WEBVTT\n\n00:00.")


def test_whisper_accepts_the_json_byte_array_form(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    response = post(emulator, "@cf/openai/whisper", json={"audio": list(weather_wav)})
    assert response.status_code == 200, response.text
    validate_exchange(response)
    assert "park" in response.json()["result"]["text"].lower()


def test_turbo_detects_the_language_and_keeps_whisper_leading_spaces(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    audio = base64.b64encode(weather_wav).decode()
    response = post(emulator, "@cf/openai/whisper-large-v3-turbo", json={"audio": audio})
    assert response.status_code == 200, response.text
    validate_exchange(response)
    assert_envelope_headers(response, "@cf/openai/whisper-large-v3-turbo", WEATHER.duration)
    result = response.json()["result"]
    assert result["transcription_info"]["language"] == "en"
    assert 0 < result["transcription_info"]["language_probability"] <= 1
    assert result["transcription_info"]["duration"] == pytest.approx(WEATHER.duration, abs=0.01)
    assert all(word in result["text"].lower() for word in KEY_WORDS)
    segment = result["segments"][0]
    assert segment["text"].startswith(" ")
    assert {"temperature", "avg_logprob", "compression_ratio", "no_speech_prob"} <= set(segment)
    words = [w for s in result["segments"] for w in s["words"]]
    assert words[0]["word"].startswith(" ")
    assert result["word_count"] == len(words)
    assert_words_follow_the_audio(words, WEATHER.duration)


def test_turbo_honours_options(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    audio = base64.b64encode(weather_wav).decode()
    response = post(
        emulator,
        "@cf/openai/whisper-large-v3-turbo",
        json={"audio": audio, "language": "en", "task": "translate", "beam_size": 1},
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    result = response.json()["result"]
    assert result["transcription_info"]["language"] == "en"
    assert "park" in result["text"].lower()


def test_nova3_returns_deepgram_shape_and_reports_unapplied_options(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        content=weather_wav,
        params={"punctuate": "true", "topics": "true", "sentiment": "true", "unknown": "x"},
        headers={"content-type": "audio/wav"},
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    assert_envelope_headers(response, "@cf/deepgram/nova-3", WEATHER.duration)
    result = response.json()["result"]
    metadata = result["metadata"]
    assert metadata["request_id"] == response.headers["cf-ai-req-id"]
    assert metadata["sha256"] == hashlib.sha256(weather_wav).hexdigest()
    assert metadata["channels"] == 1
    assert metadata["models"]
    assert set(metadata["model_info"]) == set(metadata["models"])
    assert {w["parameter"] for w in metadata["warnings"]} == {"topics", "sentiment"}
    alternative = result["results"]["channels"][0]["alternatives"][0]
    assert all(word in alternative["transcript"].lower() for word in KEY_WORDS)
    assert alternative["transcript"].endswith(".")
    assert 0 < alternative["confidence"] <= 1
    words = alternative["words"]
    assert_words_follow_the_audio(words, WEATHER.duration)
    assert all("speaker" not in w for w in words)  # no invented diarization
    assert "sentiments" not in result["results"]
    by_word = {w["word"]: w for w in words}
    assert by_word["today"]["punctuated_word"] == "today,"
    assert words[0]["word"] == "the"
    assert words[0]["punctuated_word"] == "The"


def test_nova3_without_punctuate_is_lower_case_and_bare(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    response = post(
        emulator, "@cf/deepgram/nova-3", content=weather_wav, headers={"content-type": "audio/wav"}
    )
    assert response.status_code == 200, response.text
    alternative = response.json()["result"]["results"]["channels"][0]["alternatives"][0]
    assert alternative["transcript"] == alternative["transcript"].lower()
    assert "," not in alternative["transcript"]
    assert all("punctuated_word" not in w for w in alternative["words"])
    assert "warnings" not in response.json()["result"]["metadata"]


def test_nova3_utterances_split_at_the_pause(emulator: EmulatorHandle) -> None:
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        content=TWO_SENTENCES.path.read_bytes(),
        params={"utterances": "true", "punctuate": "true"},
        headers={"content-type": "audio/wav"},
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    utterances = response.json()["result"]["results"]["utterances"]
    assert len(utterances) == 2
    assert "report" in utterances[0]["transcript"].lower()
    assert "park" in utterances[1]["transcript"].lower()
    assert utterances[0]["end"] < utterances[1]["start"]


def test_nova3_decodes_raw_linear16_with_encoding_and_sample_rate(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    with wave.open(io.BytesIO(weather_wav)) as wav:
        pcm = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        content=pcm,
        params={"encoding": "linear16", "sample_rate": str(rate)},
        headers={"content-type": "application/octet-stream"},
    )
    assert response.status_code == 200, response.text
    transcript = response.json()["result"]["results"]["channels"][0]["alternatives"][0][
        "transcript"
    ]
    assert "park" in transcript


def test_nova3_detect_language_reports_it(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        content=weather_wav,
        params={"detect_language": "true"},
        headers={"content-type": "audio/wav"},
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    channel = response.json()["result"]["results"]["channels"][0]
    assert channel["detected_language"] == "en"
    assert 0 < channel["language_confidence"] <= 1
