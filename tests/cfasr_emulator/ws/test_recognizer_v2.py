"""The v2 (flux) recognizer on its own: turns from VAD silence, Configure, ForceEndTurn."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.ws import FluxRecognizer, end_of_turn_confidence, parse_v2
from cfasr_emulator.ws.stream_transcriber import EngineTranscriber

from .conftest import assert_valid, chunks

FRAME = 2560  # 80 ms of 16 kHz linear16, as Deepgram recommends
CLOSE = json.dumps({"type": "CloseStream"})


def recognizer(engine: SpeechEngine, **query: str) -> FluxRecognizer:
    options = parse_v2([("encoding", "linear16"), ("sample_rate", "16000"), *query.items()])
    transcribe = EngineTranscriber(engine, model="tiny.en", language="en")
    return FluxRecognizer(options, transcribe, request_id="req-2")


def run(rec: FluxRecognizer, pcm: bytes, *texts: str, interim: bool = False) -> list[Any]:
    """Stream ``pcm``; ``interim=False`` (engine behind) skips Update re-decodes, for speed."""
    messages = list(rec.opening().messages)
    for frame in chunks(pcm, FRAME):
        messages += rec.feed_audio(frame, allow_interim=interim).messages
    for text in texts:
        messages += rec.feed_text(text).messages
    for message in messages:
        assert_valid(message)
    return messages


def events(messages: list[Any]) -> list[str]:
    return [m.get("event", m["type"]) for m in messages]


def without_updates(messages: list[Any]) -> list[tuple[str, int | None]]:
    return [
        (m.get("event", m["type"]), m.get("turn_index"))
        for m in messages
        if m.get("event") != "Update"
    ]


def test_two_sentences_are_two_turns(engine: SpeechEngine, two_sentences_pcm: bytes) -> None:
    messages = run(recognizer(engine), two_sentences_pcm, CLOSE)
    assert without_updates(messages) == [
        ("Connected", None),
        ("StartOfTurn", 0),
        ("EndOfTurn", 0),
        ("StartOfTurn", 1),
        ("EndOfTurn", 1),
    ]
    ends = [m for m in messages if m.get("event") == "EndOfTurn"]
    assert "finance" in ends[0]["transcript"].lower()
    assert ends[0]["trigger"] == "model"
    assert ends[0]["end_of_turn_confidence"] >= 0.7
    assert "park" in ends[1]["transcript"].lower()


def test_sequence_ids_count_every_message(engine: SpeechEngine, weather_pcm: bytes) -> None:
    messages = run(recognizer(engine), weather_pcm, CLOSE)
    assert [m["sequence_id"] for m in messages] == list(range(len(messages)))
    assert {m["request_id"] for m in messages} == {"req-2"}


def test_updates_come_about_every_quarter_second_of_audio(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    messages = run(recognizer(engine), weather_pcm, CLOSE, interim=True)
    updates = [m for m in messages if m.get("event") == "Update"]
    assert any("weather" in m["transcript"].lower() for m in updates)
    ends = [m["audio_window_end"] for m in messages if m.get("type") == "TurnInfo"]
    gaps = [b - a for a, b in itertools.pairwise(ends)]
    assert max(gaps) < 0.5
    assert len(ends) >= 3.0 / 0.25 - 2


def test_eager_end_of_turn_then_end_of_turn_with_same_transcript(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    silence = bytes(16000 * 2)
    messages = run(recognizer(engine, eager_eot_threshold="0.4"), weather_pcm + silence)
    turn = [m for m in messages if m.get("event") in ("EagerEndOfTurn", "EndOfTurn")]
    assert [m["event"] for m in turn][-2:] == ["EagerEndOfTurn", "EndOfTurn"]
    assert turn[-2]["transcript"] == turn[-1]["transcript"] != ""


def test_speech_after_eager_end_resumes_the_turn(engine: SpeechEngine, weather_pcm: bytes) -> None:
    gap = bytes(int(16000 * 2 * 0.5))  # longer than eager (0.3 s), shorter than eot (0.9 s)
    rec = recognizer(engine, eager_eot_threshold="0.3", eot_threshold="0.9")
    messages = run(rec, weather_pcm[: len(weather_pcm) // 2 // 2 * 2] + gap + weather_pcm)
    kinds = events(messages)
    assert "EagerEndOfTurn" in kinds
    assert kinds.index("TurnResumed") > kinds.index("EagerEndOfTurn")
    assert {m["turn_index"] for m in messages if m.get("event") == "TurnResumed"} == {0}


def test_timeout_ends_the_turn_before_the_confidence_does(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    rec = recognizer(engine, eot_threshold="0.9", eot_timeout_ms="500")
    messages = run(rec, weather_pcm + bytes(16000 * 2))
    end = next(m for m in messages if m.get("event") == "EndOfTurn")
    assert end["trigger"] == "timeout"


def test_force_end_turn_is_manual_and_increments_the_turn(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    rec = recognizer(engine)
    half = weather_pcm[: len(weather_pcm) // 2 // 2 * 2]
    messages = run(rec, half, json.dumps({"type": "ForceEndTurn"}), CLOSE)
    end = next(m for m in messages if m.get("event") == "EndOfTurn")
    assert end["trigger"] == "manual"
    assert end["turn_index"] == 0
    assert "weather" in end["transcript"].lower()


@pytest.mark.parametrize(
    ("thresholds", "accepted"),
    [
        ({"eot_threshold": 0.8}, True),
        ({"eot_threshold": "0.8", "eot_timeout_ms": 1000}, True),
        ({"eager_eot_threshold": 0.3}, True),
        ({"eot_threshold": 0.95}, False),
        ({"eot_threshold": 0.4}, False),
        ({"eager_eot_threshold": 0.2}, False),
        ({"eot_timeout_ms": 100}, False),
        ({"eot_timeout_ms": 1.5}, False),
        ({"eot_threshold": True}, False),
        ({"unknown": 1}, False),
    ],
)
def test_configure_validates_thresholds(
    engine: SpeechEngine, thresholds: dict[str, Any], accepted: bool
) -> None:
    rec = recognizer(engine)
    rec.opening()
    step = rec.feed_text(json.dumps({"type": "Configure", "thresholds": thresholds}))
    (reply,) = step.messages
    assert_valid(reply)
    assert reply["type"] == ("ConfigureSuccess" if accepted else "ConfigureFailure")
    assert reply["sequence_id"] == 1


def test_configure_success_reports_the_settings_in_force(engine: SpeechEngine) -> None:
    rec = recognizer(engine, eot_timeout_ms="3000")
    step = rec.feed_text(
        json.dumps({"type": "Configure", "thresholds": {"eot_threshold": 0.8}, "keyterms": "cfasr"})
    )
    (reply,) = step.messages
    assert reply["thresholds"] == {"eot_threshold": 0.8, "eot_timeout_ms": 3000}
    assert reply["keyterms"] == ["cfasr"]
    assert rec.thresholds.eot_threshold == 0.8


@pytest.mark.parametrize(
    ("silence", "confidence"), [(0.0, 0.0), (0.35, 0.35), (0.7, 0.7), (1.0, 0.99), (9.0, 0.99)]
)
def test_end_of_turn_confidence_maps_silence_linearly(silence: float, confidence: float) -> None:
    assert end_of_turn_confidence(silence) == pytest.approx(confidence)


def test_close_stream_ends_an_open_turn_and_closes_normally(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    rec = recognizer(engine)
    run(rec, weather_pcm[: len(weather_pcm) // 2 // 2 * 2])
    step = rec.feed_text(CLOSE)
    assert [m["event"] for m in step.messages] == ["EndOfTurn"]
    assert step.close is not None
    assert step.close.code == 1000
