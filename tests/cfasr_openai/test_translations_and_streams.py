"""`translations.create` and `stream=true` transcriptions, against both servers."""

from __future__ import annotations

import openai
import pytest
from openai.types.audio import TranscriptionTextDeltaEvent, TranscriptionTextDoneEvent

from cfasr_emulator.engine import WEATHER
from tests.cfasr_openai.conftest import OpenAIServer

# openai-python marks `audio.translations.create` deprecated; tools still call it.
pytestmark = pytest.mark.filterwarnings("ignore:deprecated:DeprecationWarning")


def test_translation_is_english_text(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio:
        result = openai_server.client().audio.translations.create(file=audio, model="whisper-1")
    assert "weather is nice today" in result.text.lower()


def test_translation_verbose_json_is_a_translate_task(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio:
        raw = openai_server.client().audio.translations.with_raw_response.create(
            file=audio, model="whisper-1", response_format="verbose_json"
        )
    body = raw.http_response.json()
    assert body["task"] == "translate"
    assert body["segments"]


def test_translation_needs_the_model_that_translates(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.BadRequestError) as caught:
        openai_server.client().audio.translations.create(file=audio, model="nova-3")
    assert caught.value.param == "model"


def test_streamed_transcription_sends_deltas_then_the_whole_text(
    openai_server: OpenAIServer,
) -> None:
    with WEATHER.path.open("rb") as audio:
        stream = openai_server.client().audio.transcriptions.create(
            file=audio, model="nova-3", stream=True
        )
        events = list(stream)
    deltas = [e for e in events if isinstance(e, TranscriptionTextDeltaEvent)]
    assert deltas
    assert isinstance(events[-1], TranscriptionTextDoneEvent)
    assert events[-1].text == "".join(d.delta for d in deltas)
    assert "weather is nice today" in events[-1].text.lower().replace(",", "")


def test_audio_that_fails_to_decode_mid_stream_raises_in_the_openai_client(
    openai_server: OpenAIServer,
) -> None:
    """The session is open and the 200 sent before decoding fails: the error is an event."""
    broken = b"RIFF\x24\x00\x01\x00WAVEfmt " + bytes(range(256)) * 64
    stream = openai_server.client().audio.transcriptions.create(
        file=("broken.wav", broken, "audio/wav"), model="nova-3", stream=True
    )
    with pytest.raises(openai.APIError) as caught:
        list(stream)
    assert caught.value.body["param"] == "file"  # type: ignore[index]
    assert "decoded" in caught.value.message or "opened" in caught.value.message
