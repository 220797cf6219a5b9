"""The sans-I/O half of `/v1/realtime`: SDK stream events in, OpenAI events out, and what a
`session.update` means upstream. The events are the SDK's own, built from message JSON."""

from __future__ import annotations

from typing import Any

import pytest
from cfasr_client.contract import OPERATIONS
from cfasr_client.models import FluxTurnInfo, Nova3ResultsMessage, Nova3SpeechStartedMessage

from cfasr_ext import EndOfTurn, Results, SpeechStarted, StartOfTurn, Update
from cfasr_openai.realtime.events import RealtimeProblem
from cfasr_openai.realtime.session_config import SemanticVad, SessionConfig, update
from cfasr_openai.realtime.translator import Translator

DELTA = "conversation.item.input_audio_transcription.delta"
COMPLETED = "conversation.item.input_audio_transcription.completed"


def results(
    text: str, start: float, end: float, *, final: bool, speech_final: bool = False, **extra: Any
) -> Results:
    words = text.split()
    step = (end - start) / max(len(words), 1)
    raw = {
        "type": "Results",
        "channel_index": [0, 1],
        "start": start,
        "duration": end - start,
        "is_final": final,
        "speech_final": speech_final,
        "channel": {
            "alternatives": [
                {
                    "transcript": text,
                    "confidence": 0.9,
                    "words": [
                        {
                            "word": w,
                            "start": start + i * step,
                            "end": start + (i + 1) * step,
                            "confidence": 0.9,
                        }
                        for i, w in enumerate(words)
                    ],
                }
            ]
        },
        "metadata": {"request_id": "r", "model_uuid": "m"},
        **extra,
    }
    return Results(Nova3ResultsMessage.from_dict(raw))


def turn(kind: type[Any], event: str, text: str, start: float, end: float) -> Any:
    raw = {
        "type": "TurnInfo",
        "request_id": "r",
        "sequence_id": 0,
        "event": event,
        "turn_index": 0,
        "audio_window_start": start,
        "audio_window_end": end,
        "transcript": text,
        "words": [{"word": w, "confidence": 0.9} for w in text.split()],
        "end_of_turn_confidence": 0.5,
    }
    return kind(FluxTurnInfo.from_dict(raw))


def kinds(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"].rsplit(".", 1)[-1] for e in events]


def test_server_vad_items_open_on_speech_and_close_on_speech_final() -> None:
    t = Translator(hold_deltas=False, prefix_padding_ms=300)
    started = SpeechStarted(
        Nova3SpeechStartedMessage.from_dict(
            {"type": "SpeechStarted", "channel": [0, 1], "timestamp": 1.0}
        )
    )
    out = t.feed(started)
    assert kinds(out) == ["speech_started"]
    assert out[0]["audio_start_ms"] == 700  # the prefix padding is included, as OpenAI does
    assert t.feed(results("hello there", 1.0, 1.5, final=False)) == []  # interims send nothing
    out += t.feed(results("hello there", 1.0, 2.0, final=True))
    out += t.feed(results("general kenobi", 2.0, 3.0, final=True, speech_final=True))
    assert kinds(out) == [
        "speech_started",
        "delta",
        "speech_stopped",
        "committed",
        "delta",
        "completed",
    ]
    assert "".join(e["delta"] for e in out if e["type"] == DELTA) == "hello there general kenobi"
    assert out[-1]["transcript"] == "hello there general kenobi"
    assert out[-1]["usage"] == {"type": "duration", "seconds": 2.3}
    assert out[2]["audio_end_ms"] == 3000
    first = out[-1]["item_id"]
    assert {e["item_id"] for e in out if "item_id" in e} == {first}
    nxt = t.feed(results("again", 5.0, 5.5, final=True, speech_final=True))
    assert kinds(nxt) == ["speech_started", "speech_stopped", "committed", "delta", "completed"]
    assert nxt[2]["previous_item_id"] == first
    assert nxt[0]["item_id"] != first


def test_without_turn_detection_text_waits_for_the_commit() -> None:
    t = Translator(hold_deltas=True)
    assert t.feed(results("one two", 0.5, 1.0, final=True)) == []
    committed = t.commit()
    assert kinds(committed) == ["committed"]
    assert committed[0]["previous_item_id"] is None
    out = t.feed(results("three", 1.0, 1.4, final=True, from_finalize=True))
    assert kinds(out) == ["delta", "completed"]
    assert out[0]["delta"] == "one two three"
    assert out[1]["item_id"] == committed[0]["item_id"]
    assert out[1]["usage"]["seconds"] == pytest.approx(0.9)


def test_a_commit_of_silence_completes_with_an_empty_transcript() -> None:
    t = Translator(hold_deltas=True)
    committed = t.commit()
    out = t.feed(results("", 0.0, 1.0, final=True, from_finalize=True))
    assert kinds(out) == ["completed"]
    assert out[0]["transcript"] == ""
    assert out[0]["item_id"] == committed[0]["item_id"]


def test_a_clear_drops_the_words_up_to_its_answer() -> None:
    t = Translator(hold_deltas=False)
    t.feed(results("forget", 0.0, 0.4, final=False))
    t.clear()
    assert t.feed(results("forget this", 0.0, 0.8, final=True, from_finalize=True)) == []
    out = t.feed(results("keep this", 1.0, 2.0, final=True, speech_final=True))
    assert out[-1]["type"] == COMPLETED
    assert out[-1]["transcript"] == "keep this"


def test_flux_turns_become_items() -> None:
    t = Translator(hold_deltas=False)
    out = t.feed(turn(StartOfTurn, "StartOfTurn", "", 0.4, 0.5))
    assert kinds(out) == ["speech_started"]
    assert out[0]["audio_start_ms"] == 400
    assert t.feed(turn(Update, "Update", "the weather is high", 0.4, 1.5)) == []
    out += t.feed(turn(EndOfTurn, "EndOfTurn", "the weather is nice", 0.4, 2.0))
    assert kinds(out) == ["speech_started", "speech_stopped", "committed", "delta", "completed"]
    assert out[1]["audio_end_ms"] == 2000
    assert out[-1]["transcript"] == out[-2]["delta"] == "the weather is nice"


def test_eagerness_sets_flux_thresholds_within_the_contract() -> None:
    param = OPERATIONS["streamFlux"].get("eot_threshold")
    assert param is not None
    thresholds = {}
    timeouts = {}
    for eagerness in ("low", "medium", "high", "auto"):
        options = SessionConfig(turn_detection=SemanticVad(eagerness=eagerness)).upstream_options()
        thresholds[eagerness] = options["eot_threshold"]
        timeouts[eagerness] = options["eot_timeout_ms"]
    assert thresholds["high"] == param.minimum < thresholds["auto"] < thresholds["low"]
    assert thresholds["low"] == param.maximum
    assert thresholds["auto"] == thresholds["medium"] == param.service_default
    assert timeouts == {"low": 8000, "medium": 4000, "high": 2000, "auto": 4000}


def test_session_updates_in_both_shapes() -> None:
    beta = update(
        SessionConfig(),
        {
            "input_audio_format": "g711_ulaw",
            "input_audio_transcription": {"model": "whisper-1", "language": "en"},
            "turn_detection": None,
            "include": ["item.input_audio_transcription.logprobs"],
        },
        beta=True,
    )
    assert beta.audio_format == "audio/pcmu"
    assert beta.turn_detection is None
    shown = beta.to_json("sess_1")
    assert shown["input_audio_format"] == "g711_ulaw"
    assert shown["cfasr_model"] == "@cf/deepgram/nova-3"
    assert "include.logprobs" in shown["cfasr_not_applied"]
    ga = update(
        beta,
        {"type": "transcription", "audio": {"input": {"turn_detection": {"type": "semantic_vad"}}}},
        beta=False,
    )
    assert ga.engine == "@cf/deepgram/flux"
    assert ga.to_json("sess_1")["audio"]["input"]["format"] == {"type": "audio/pcmu"}


@pytest.mark.parametrize(
    ("session", "param"),
    [
        ({"type": "realtime"}, "session.type"),
        ({"audio": {"input": {"format": {"type": "audio/pcm", "rate": 16000}}}}, None),
        ({"audio": {"input": {"transcription": {"model": "tts-1"}}}}, None),
        ({"audio": {"input": {"transcription": {"language": "xx-klingon"}}}}, "language"),
        ({"audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": 2}}}}, None),
        (
            {"audio": {"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "x"}}}},
            None,
        ),
        ({"include": ["everything"]}, "session.include"),
    ],
)
def test_bad_session_updates_are_refused_with_a_param(
    session: dict[str, Any], param: str | None
) -> None:
    with pytest.raises(RealtimeProblem) as refused:
        update(SessionConfig(), session, beta=False)
    assert refused.value.code in {"invalid_value", "invalid_type"}
    assert refused.value.message
    if param is not None:
        assert refused.value.param == param
