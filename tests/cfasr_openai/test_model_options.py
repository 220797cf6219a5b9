"""Deepgram options sent as form fields: nova-3 takes those the contract knows, the rest are
named in `cfasr-not-applied`, and a bad value is OpenAI's 400 (issue 31, item 5)."""

from __future__ import annotations

from typing import Any

import attrs
import openai
import pytest
from cfasr_client.contract.params import RunNova3Params
from openai.types.audio import TranscriptionTextDeltaEvent

from cfasr_emulator.engine import WEATHER
from cfasr_ext.internal import NOVA_3
from tests.cfasr_openai.conftest import OpenAIServer

DIARIZE = attrs.fields(RunNova3Params).diarize.name
SMART_FORMAT = attrs.fields(RunNova3Params).smart_format.name
UNKNOWN = "cfasr_no_such_option"


def _raw(server: OpenAIServer, model: str, fields: dict[str, str], **kwargs: Any) -> Any:
    with WEATHER.path.open("rb") as audio:
        return server.client().audio.transcriptions.with_raw_response.create(
            file=audio, model=model, extra_body=fields, **kwargs
        )


def _verbose_words(server: OpenAIServer, model: str, fields: dict[str, str]) -> Any:
    return _raw(
        server,
        model,
        fields,
        response_format="verbose_json",
        timestamp_granularities=["word"],
    )


def test_diarize_reaches_nova_3_and_labels_the_words(openai_server: OpenAIServer) -> None:
    plain = _verbose_words(openai_server, NOVA_3, {}).parse()
    assert plain.words
    assert all(getattr(word, "speaker", None) is None for word in plain.words)

    raw = _verbose_words(openai_server, NOVA_3, {DIARIZE: "true", SMART_FORMAT: "true"})
    assert "cfasr-not-applied" not in raw.headers
    words = raw.parse().words
    assert words
    assert all(isinstance(getattr(word, "speaker", None), int) for word in words)


def test_an_unknown_field_is_named_and_a_known_one_applied(openai_server: OpenAIServer) -> None:
    raw = _verbose_words(openai_server, NOVA_3, {DIARIZE: "true", UNKNOWN: "1"})
    assert raw.headers["cfasr-not-applied"] == UNKNOWN
    assert all(isinstance(getattr(word, "speaker", None), int) for word in raw.parse().words)


def test_nova_3_options_on_a_whisper_model_are_named(openai_server: OpenAIServer) -> None:
    raw = _raw(openai_server, "whisper-1", {DIARIZE: "true", SMART_FORMAT: "true"})
    assert raw.headers["cfasr-not-applied"] == f"{DIARIZE}, {SMART_FORMAT}"
    assert "weather" in raw.parse().text.lower()


def test_a_bad_value_is_openais_400_naming_the_field(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        _raw(openai_server, NOVA_3, {DIARIZE: "perhaps"})
    body: Any = caught.value.body
    assert body["param"] == DIARIZE
    assert body["code"] == "invalid_value"
    assert DIARIZE in body["message"]


def test_stream_takes_nova_3_options_too(openai_server: OpenAIServer) -> None:
    """`stream=true` goes over nova-3's WebSocket, whose operation knows `smart_format`."""
    with WEATHER.path.open("rb") as audio:
        raw = openai_server.client().audio.transcriptions.with_raw_response.create(
            file=audio, model=NOVA_3, stream=True, extra_body={SMART_FORMAT: "true", UNKNOWN: "x"}
        )
    assert raw.headers["cfasr-not-applied"] == UNKNOWN
    text = "".join(
        event.delta for event in raw.parse() if isinstance(event, TranscriptionTextDeltaEvent)
    )
    assert "weather" in text.lower()
