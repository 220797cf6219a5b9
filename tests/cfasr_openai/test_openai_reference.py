"""The REST routes answer as OpenAI's API reference and openai-python's types say (issue 30,
item 5), against both servers: each test here failed before the routes were brought in line."""

from __future__ import annotations

from typing import Any

import httpx
import openai
import pytest
from openai.types.audio import TranscriptionVerbose

from cfasr_emulator.engine import WEATHER
from cfasr_ext.internal import NOVA_3
from tests.cfasr_openai.conftest import OpenAIServer

# openai-python marks `audio.translations.create` deprecated; tools still call it.
pytestmark = pytest.mark.filterwarnings("ignore:deprecated:DeprecationWarning")


def _post(server: OpenAIServer, fields: dict[str, Any], path: str = "transcriptions") -> Any:
    """OpenAI's multipart form posted by plain httpx, as curl or any HTTP client would."""
    with WEATHER.path.open("rb") as audio:
        return httpx.post(
            f"{server.base_url}/audio/{path}",
            headers={"Authorization": f"Bearer {server.api_key}"},
            files={"file": ("weather.wav", audio, "audio/wav")},
            data=fields,
            timeout=120.0,
        )


def test_stream_with_a_whole_file_model_is_ignored_and_the_whole_answer_sent(
    openai_server: OpenAIServer,
) -> None:
    response = _post(openai_server, {"model": "whisper-1", "stream": "true"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "weather is nice today" in response.json()["text"].lower().replace(",", "")
    assert response.headers["cfasr-not-applied"] == "stream"


def test_word_timestamps_without_verbose_json_are_a_400(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.BadRequestError) as caught:
        openai_server.client().audio.transcriptions.create(
            file=audio, model="whisper-1", response_format="json", timestamp_granularities=["word"]
        )
    assert caught.value.param == "timestamp_granularities"
    assert "verbose_json" in caught.value.message


def test_verbose_json_names_the_language_in_english(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio:
        result = openai_server.client().audio.transcriptions.create(
            file=audio, model="whisper-1", response_format="verbose_json"
        )
    assert result.language == "english"


def test_a_translation_is_always_in_english(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio:
        result = openai_server.client().audio.translations.create(
            file=audio, model="whisper-1", response_format="verbose_json"
        )
    assert result.language == "english"


@pytest.mark.parametrize("model", ["whisper-1", NOVA_3])
def test_json_carries_usage_in_seconds_of_audio(openai_server: OpenAIServer, model: str) -> None:
    with WEATHER.path.open("rb") as audio:
        result = openai_server.client().audio.transcriptions.create(file=audio, model=model)
    assert result.usage is not None
    assert result.usage.type == "duration"
    assert result.usage.seconds == pytest.approx(WEATHER.duration, abs=0.3)


def test_verbose_json_carries_usage_in_seconds_of_audio(openai_server: OpenAIServer) -> None:
    response = _post(openai_server, {"model": "whisper-1", "response_format": "verbose_json"})
    result = TranscriptionVerbose.model_validate(response.json())
    assert result.usage is not None
    assert result.usage.type == "duration"
    assert result.usage.seconds == pytest.approx(result.duration)


@pytest.mark.parametrize("model", ["whisper-1", "@cf/deepgram/nova-3"])
def test_a_listed_model_can_be_retrieved(openai_server: OpenAIServer, model: str) -> None:
    found = openai_server.client().models.retrieve(model)
    assert found.id == model
    assert found.object == "model"
    assert found.owned_by


def test_an_unknown_model_is_not_found(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        openai_server.client().models.retrieve("gpt-no-such-model")
    assert caught.value.code == "model_not_found"


def test_a_wrong_method_is_an_invalid_request(openai_server: OpenAIServer) -> None:
    response = httpx.get(
        f"{openai_server.base_url}/audio/transcriptions",
        headers={"Authorization": f"Bearer {openai_server.api_key}"},
    )
    assert response.status_code == 405
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_include_is_named_as_not_applied(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio:
        raw = openai_server.client().audio.transcriptions.with_raw_response.create(
            file=audio, model="whisper-1", include=["logprobs"]
        )
    assert raw.headers["cfasr-not-applied"] == "include[]"
    assert raw.parse().logprobs is None
