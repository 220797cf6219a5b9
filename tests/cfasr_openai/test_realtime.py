"""`/v1/realtime?intent=transcription` with openai-python's realtime client, real speech,
against the emulator's `/v1` and `cfasr gateway` in front of it (`openai_server`).

Flux's turns are tested with recognition skipped: with the real engine, the emulator's flux
end-of-turn decode of these samples now and then runs for minutes (faster-whisper's
temperature fallback; the SDK's own `connect_flux` shows it too, without the gateway), so
flux's words are checked in `test_realtime_translator.py` instead."""

from __future__ import annotations

import base64
import difflib
from collections.abc import Iterator
from typing import Any

import pytest

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER
from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_openai.conftest import OpenAIServer
from tests.cfasr_openai.realtime_support import (
    check_item_order,
    completed_text,
    g711,
    of_type,
    pcm16_at,
    silence,
    transcribe_live,
    words,
)
from tests.support.emulators import TOKEN, suite_emulator

pytestmark = [pytest.mark.slow(cpu_s=40), pytest.mark.engine]

PCM_RATE = 24000
SERVER_VAD = {
    "type": "transcription",
    "audio": {
        "input": {
            "format": {"type": "audio/pcm", "rate": PCM_RATE},
            "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
            "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
        }
    },
}
COMPLETED = "conversation.item.input_audio_transcription.completed"


def _session(fmt: dict[str, Any], turn_detection: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "type": "transcription",
        "audio": {
            "input": {
                "format": fmt,
                "transcription": {"model": "gpt-4o-mini-transcribe"},
                "turn_detection": turn_detection,
            }
        },
    }


async def test_server_vad_gives_each_utterance_with_deltas_first(
    openai_server: OpenAIServer,
) -> None:
    audio = pcm16_at(TWO_SENTENCES.path, PCM_RATE) + silence(1.5, PCM_RATE)
    events = await transcribe_live(
        openai_server.base_url,
        openai_server.api_key,
        audio,
        session=SERVER_VAD,
        bytes_per_s=2 * PCM_RATE,
        utterances=2,
    )
    assert events[0]["type"] == "session.created"
    assert events[1]["type"] == "session.updated"
    assert events[1]["session"]["audio"]["input"]["turn_detection"]["silence_duration_ms"] == 500
    assert not of_type(events, "error"), of_type(events, "error")
    assert words(completed_text(events)) == words(TWO_SENTENCES.text)
    check_item_order(events)
    assert of_type(events, "conversation.item.input_audio_transcription.delta")
    started = of_type(events, "input_audio_buffer.speech_started")
    stopped = of_type(events, "input_audio_buffer.speech_stopped")
    committed = of_type(events, "input_audio_buffer.committed")
    done = of_type(events, COMPLETED)
    assert [e["item_id"] for e in started] == [e["item_id"] for e in done]
    assert [e["item_id"] for e in stopped] == [e["item_id"] for e in done]
    assert [e["item_id"] for e in committed] == [e["item_id"] for e in done]
    assert committed[0]["previous_item_id"] is None
    assert committed[1]["previous_item_id"] == done[0]["item_id"]
    # Audio times, in ms of the client's audio: the second sentence starts after the first
    # stopped, and every utterance ends after it starts and within the audio sent.
    assert started[0]["audio_start_ms"] < stopped[0]["audio_end_ms"]
    assert stopped[0]["audio_end_ms"] <= started[1]["audio_start_ms"]
    assert started[1]["audio_start_ms"] < stopped[1]["audio_end_ms"]
    assert stopped[1]["audio_end_ms"] <= 1000 * (TWO_SENTENCES.duration + 1.5)
    for event in done:
        assert event["usage"]["type"] == "duration"
        assert 0 < event["usage"]["seconds"] < TWO_SENTENCES.duration


@pytest.mark.parametrize("law", ["pcmu", "pcma"])
async def test_g711_input_with_a_commit_and_no_turn_detection(
    openai_server: OpenAIServer, law: str
) -> None:
    audio = g711(pcm16_at(WEATHER.path, 8000), law)
    events = await transcribe_live(
        openai_server.base_url,
        openai_server.api_key,
        audio,
        session=_session({"type": f"audio/{law}"}, None),
        bytes_per_s=8000,
        utterances=1,
        commit=True,
    )
    assert not of_type(events, "error"), of_type(events, "error")
    assert events[1]["session"]["audio"]["input"]["turn_detection"] is None
    # G.711 is 4 kHz-wide telephone audio: the emulator's small model mishears a word or
    # two of it ("The weather is hyped on May, so we will meet in the park."); the
    # conversion itself keeps the signal (correlation 0.98 with the 16 kHz original).
    heard = difflib.SequenceMatcher(None, words(completed_text(events)), words(WEATHER.text))
    assert heard.ratio() >= 0.75, completed_text(events)
    check_item_order(events)
    # No turn detection: no speech events; the commit is answered at once with the item id.
    assert not of_type(events, "input_audio_buffer.speech_started")
    (committed,) = of_type(events, "input_audio_buffer.committed")
    (done,) = of_type(events, COMPLETED)
    assert committed["item_id"] == done["item_id"]
    assert events.index(committed) < events.index(done)
    assert done["usage"]["seconds"] > 0


@pytest.fixture(scope="module")
def skip_emulator() -> Iterator[EmulatorHandle]:
    """Recognition skipped (turns from the energy VAD, no words): the emulator's flux final
    decode with the real engine sometimes runs for minutes (see the module docstring)."""
    with suite_emulator() as emu:
        yield emu


async def test_semantic_vad_runs_on_flux_turns(skip_emulator: EmulatorHandle) -> None:
    audio = pcm16_at(TWO_SENTENCES.path, PCM_RATE) + silence(2.5, PCM_RATE)
    events = await transcribe_live(
        f"http://127.0.0.1:{skip_emulator.port}/v1",
        TOKEN,
        audio,
        session=_session(
            {"type": "audio/pcm", "rate": PCM_RATE},
            {"type": "semantic_vad", "eagerness": "high"},
        ),
        bytes_per_s=2 * PCM_RATE,
        utterances=2,
    )
    assert not of_type(events, "error"), of_type(events, "error")
    assert events[1]["session"]["cfasr_model"] == "@cf/deepgram/flux"
    check_item_order(events)
    # One item per flux turn: the two sentences around the 1.5 s pause.
    started = of_type(events, "input_audio_buffer.speech_started")
    stopped = of_type(events, "input_audio_buffer.speech_stopped")
    done = of_type(events, COMPLETED)
    assert [e["item_id"] for e in started] == [e["item_id"] for e in done]
    assert [e["item_id"] for e in stopped] == [e["item_id"] for e in done]
    assert started[0]["audio_start_ms"] < stopped[0]["audio_end_ms"]
    assert stopped[0]["audio_end_ms"] < started[1]["audio_start_ms"]
    assert started[1]["audio_start_ms"] < stopped[1]["audio_end_ms"]


async def test_a_clear_drops_the_audio_before_it(openai_server: OpenAIServer) -> None:
    dropped = pcm16_at(WEATHER.path, PCM_RATE)
    size = int(2 * PCM_RATE * 0.08)
    appends: list[dict[str, Any]] = [
        {
            "type": "input_audio_buffer.append",
            "audio": base64.b64encode(dropped[i : i + size]).decode(),
        }
        for i in range(0, len(dropped), size)
    ]
    events = await transcribe_live(
        openai_server.base_url,
        openai_server.api_key,
        pcm16_at(TWO_SENTENCES.path, PCM_RATE),
        session=_session({"type": "audio/pcm", "rate": PCM_RATE}, None),
        bytes_per_s=2 * PCM_RATE,
        utterances=1,
        commit=True,
        before_audio=[*appends, {"type": "input_audio_buffer.clear"}],
    )
    assert not of_type(events, "error"), of_type(events, "error")
    assert of_type(events, "input_audio_buffer.cleared")
    assert words(completed_text(events)) == words(TWO_SENTENCES.text)
    check_item_order(events)
