"""The v1 (nova-3) recognizer on its own: audio and control frames in, messages out."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.ws import NovaRecognizer, Step, parse_v1
from cfasr_emulator.ws.stream_transcriber import EngineTranscriber

from .conftest import assert_valid, chunks

FRAME = 3200  # 100 ms of 16 kHz linear16
CLOSE = json.dumps({"type": "CloseStream"})
SENTENCE_PAUSE_MS = "300"
"""An endpointing that ends spans at the pause between sentences, not between words."""


def recognizer(engine: SpeechEngine, **query: str) -> NovaRecognizer:
    items = [("encoding", "linear16"), ("sample_rate", "16000"), *query.items()]
    options = parse_v1(items)
    transcribe = EngineTranscriber(engine, model=options.model, language="en")
    return NovaRecognizer(
        options, transcribe, request_id="req-1", created="2026-01-01T00:00:00.000Z"
    )


def stream(
    rec: NovaRecognizer, pcm: bytes, *, close: bool = True, interim: bool = False
) -> tuple[list[Any], Step]:
    """Stream ``pcm``; ``interim=False`` (engine behind) skips interim decodes, for speed."""
    messages: list[Any] = []
    for frame in chunks(pcm, FRAME):
        step = rec.feed_audio(frame, allow_interim=interim)
        assert step.close is None
        messages += step.messages
    last = rec.feed_text(CLOSE) if close else Step()
    messages += last.messages
    for message in messages:
        assert_valid(message)
    return messages, last


def transcripts(messages: list[Any], *, final: bool) -> list[str]:
    return [
        m["channel"]["alternatives"][0]["transcript"]
        for m in messages
        if m["type"] == "Results" and m["is_final"] is final
    ]


def test_silence_gives_only_empty_finals_then_metadata(engine: SpeechEngine) -> None:
    silence = bytes(16000 * 2 * 7)
    messages, last = stream(recognizer(engine, interim_results="true"), silence, interim=True)
    assert [m["type"] for m in messages][-1] == "Metadata"
    assert set(transcripts(messages, final=True)) == {""}
    assert transcripts(messages, final=False) == []
    assert last.close is not None
    assert last.close.code == 1000


def test_speech_then_silence_gives_interims_final_then_utterance_end(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    rec = recognizer(
        engine,
        interim_results="true",
        utterance_end_ms="1000",
        vad_events="true",
        endpointing=SENTENCE_PAUSE_MS,
    )
    messages, _ = stream(rec, weather_pcm + bytes(16000 * 2 * 2), interim=True)
    kinds = [(m["type"], m.get("is_final"), m.get("speech_final")) for m in messages]
    first_final = kinds.index(("Results", True, True))
    assert kinds[0] == ("SpeechStarted", None, None)
    assert ("Results", False, False) in kinds[:first_final]
    assert kinds.index(("UtteranceEnd", None, None)) > first_final
    assert kinds[-1] == ("Metadata", None, None)
    final_text = transcripts(messages, final=True)[0]
    assert {"weather", "nice", "park"} <= set(final_text.split())


def test_punctuate_adds_punctuated_words(engine: SpeechEngine, weather_pcm: bytes) -> None:
    rec = recognizer(engine, punctuate="true", endpointing=SENTENCE_PAUSE_MS)
    messages, _ = stream(rec, weather_pcm)
    final = next(m for m in messages if m["type"] == "Results" and m["speech_final"])
    words = final["channel"]["alternatives"][0]["words"]
    assert words[0]["punctuated_word"] == "The"
    assert words[-1]["punctuated_word"].endswith(".")
    assert final["channel"]["alternatives"][0]["transcript"].startswith("The weather")


def test_word_times_follow_the_audio_and_increase(
    engine: SpeechEngine, two_sentences_pcm: bytes
) -> None:
    messages, _ = stream(recognizer(engine, endpointing=SENTENCE_PAUSE_MS), two_sentences_pcm)
    finals = [m for m in messages if m["type"] == "Results" and m["is_final"]]
    words = [w for m in finals for w in m["channel"]["alternatives"][0]["words"]]
    starts = [w["start"] for w in words]
    assert starts == sorted(starts)
    for m in finals:
        for w in m["channel"]["alternatives"][0]["words"]:
            assert m["start"] <= w["start"] <= w["end"] <= m["start"] + m["duration"] + 1e-6
    # The pause splits the two sentences into two speech_final spans.
    spoken = [m for m in finals if m["speech_final"]]
    assert len(spoken) == 2
    assert "finance" in spoken[0]["channel"]["alternatives"][0]["transcript"]
    assert "park" in spoken[1]["channel"]["alternatives"][0]["transcript"]
    assert spoken[1]["start"] > 3.0


def test_deepgrams_default_endpointing_ends_spans_at_pauses_between_words(
    engine: SpeechEngine, two_sentences_pcm: bytes
) -> None:
    by_default, _ = stream(recognizer(engine), two_sentences_pcm)
    by_sentence, _ = stream(recognizer(engine, endpointing=SENTENCE_PAUSE_MS), two_sentences_pcm)

    def spoken(messages: list[Any]) -> list[str]:
        return [
            m["channel"]["alternatives"][0]["transcript"]
            for m in messages
            if m["type"] == "Results" and m["speech_final"]
        ]

    assert len(spoken(by_default)) > len(spoken(by_sentence)) == 2
    words = " ".join(spoken(by_default)).lower()
    assert "finance" in words
    assert "park" in words


def test_spans_tile_the_stream(engine: SpeechEngine, two_sentences_pcm: bytes) -> None:
    messages, _ = stream(recognizer(engine), two_sentences_pcm)
    finals = [m for m in messages if m["type"] == "Results" and m["is_final"]]
    position = 0.0
    for m in finals:
        assert m["start"] == pytest.approx(position, abs=1e-5)
        position = m["start"] + m["duration"]
    assert messages[-1]["duration"] == pytest.approx(position, abs=1e-5)


def test_finalize_flushes_with_from_finalize(engine: SpeechEngine, weather_pcm: bytes) -> None:
    rec = recognizer(engine)
    half = len(weather_pcm) // 2 // FRAME * FRAME
    stream(rec, weather_pcm[:half], close=False)
    step = rec.feed_text(json.dumps({"type": "Finalize"}))
    assert len(step.messages) == 1
    flushed = step.messages[0]
    assert_valid(flushed)
    assert flushed["from_finalize"] is True
    assert flushed["is_final"] is True
    assert flushed["channel"]["alternatives"][0]["transcript"] != ""
    assert flushed["start"] + flushed["duration"] == pytest.approx(half / 32000, abs=1e-5)


def test_metadata_summarises_the_audio(engine: SpeechEngine, weather_pcm: bytes) -> None:
    import hashlib

    messages, _ = stream(recognizer(engine, dictation="true"), weather_pcm)
    metadata = messages[-1]
    assert metadata["type"] == "Metadata"
    assert metadata["transaction_key"] == "deprecated"
    assert metadata["request_id"] == "req-1"
    assert metadata["sha256"] == hashlib.sha256(weather_pcm).hexdigest()
    assert metadata["duration"] == pytest.approx(len(weather_pcm) / 32000, abs=1e-5)
    assert metadata["channels"] == 1
    assert metadata["options_not_applied"] == ["dictation"]


def test_keepalive_and_unknown_text_produce_nothing(engine: SpeechEngine) -> None:
    rec = recognizer(engine)
    for text in ('{"type":"KeepAlive"}', "not json", '{"type":"Bogus"}', "[1]"):
        assert rec.feed_text(text) == Step()


def test_nothing_after_close_stream(engine: SpeechEngine, weather_pcm: bytes) -> None:
    rec = recognizer(engine)
    stream(rec, weather_pcm[:FRAME])
    assert rec.feed_audio(weather_pcm[:FRAME], allow_interim=True) == Step()
    assert rec.feed_text(CLOSE) == Step()


def test_split_samples_across_frames_are_kept(engine: SpeechEngine, weather_pcm: bytes) -> None:
    rec = recognizer(engine)
    for frame in chunks(weather_pcm, 333):  # odd sizes split samples in half
        rec.feed_audio(frame, allow_interim=False)
    assert rec.audio_seconds == pytest.approx(len(weather_pcm) / 32000, abs=1e-4)


def test_interims_skipped_when_engine_is_behind(engine: SpeechEngine, weather_pcm: bytes) -> None:
    rec = recognizer(engine, interim_results="true")
    messages: list[Any] = []
    for frame in chunks(weather_pcm, FRAME):
        messages += rec.feed_audio(frame, allow_interim=False).messages
    messages += rec.feed_text(CLOSE).messages
    assert transcripts(messages, final=False) == []
    assert "park" in " ".join(transcripts(messages, final=True))


def test_undecodable_container_stream_closes_with_data_error(engine: SpeechEngine) -> None:
    options = parse_v1([])
    rec = NovaRecognizer(
        options,
        EngineTranscriber(engine, model="tiny.en", language="en"),
        request_id="r",
        created="2026-01-01T00:00:00.000Z",
    )
    assert rec.feed_audio(b"this is not audio" * 10, allow_interim=True).close is None
    step = rec.feed_text(CLOSE)
    assert step.close is not None
    assert (step.close.code, step.close.reason) == (1008, "DATA-0000")


def test_container_stream_is_decoded_incrementally(engine: SpeechEngine) -> None:
    from cfasr_emulator.engine import WEATHER

    rec = NovaRecognizer(
        parse_v1([("punctuate", "true")]),
        EngineTranscriber(engine, model="tiny.en", language="en"),
        request_id="r",
        created="2026-01-01T00:00:00.000Z",
    )
    messages: list[Any] = []
    for frame in chunks(WEATHER.path.read_bytes(), 4096):
        messages += rec.feed_audio(frame, allow_interim=False).messages
    messages += rec.feed_text(CLOSE).messages
    assert "park." in " ".join(transcripts(messages, final=True))
    assert messages[-1]["duration"] == pytest.approx(WEATHER.duration, abs=0.01)


def test_mulaw_input_is_one_byte_per_sample(engine: SpeechEngine) -> None:
    encoded = np.full(8000 * 3, 0xFF, dtype=np.uint8).tobytes()  # 3 s of mu-law silence
    options = parse_v1([("encoding", "mulaw"), ("sample_rate", "8000")])
    rec = NovaRecognizer(
        options,
        EngineTranscriber(engine, model="tiny.en", language="en"),
        request_id="r",
        created="2026-01-01T00:00:00.000Z",
    )
    for frame in chunks(encoded, 1600):
        rec.feed_audio(frame, allow_interim=False)
    assert rec.audio_seconds == pytest.approx(3.0, abs=1e-3)
