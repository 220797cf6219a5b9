"""Refusals an OpenAI client must recognise: status, class and OpenAI's error body."""

from __future__ import annotations

from typing import Any

import openai
import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_openai.config import DEFAULT_MAX_BODY_BYTES
from tests.cfasr_openai.conftest import OpenAIServer
from tests.support.emulators import install_faults


def error_of(exc: openai.APIStatusError) -> dict[str, Any]:
    """OpenAI's `error` object, as openai-python unwraps it into `exc.body`."""
    body = exc.body
    assert isinstance(body, dict), body
    assert set(body) == {"message", "type", "param", "code"}
    return body


def test_a_file_over_25_mb_is_413(openai_server: OpenAIServer) -> None:
    oversized = b"RIFF\x00\x00\x00\x00WAVE" + bytes(DEFAULT_MAX_BODY_BYTES)
    with pytest.raises(openai.APIStatusError) as caught:
        openai_server.client().audio.transcriptions.create(
            file=("big.wav", oversized, "audio/wav"), model="whisper-1"
        )
    assert caught.value.status_code == 413
    assert error_of(caught.value)["code"] == "file_too_large"


def test_a_file_that_is_not_audio_is_400(openai_server: OpenAIServer) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        openai_server.client().audio.transcriptions.create(
            file=("notes.txt", b"these are meeting notes, not audio", "text/plain"),
            model="whisper-1",
        )
    error = error_of(caught.value)
    assert (error["type"], error["param"], error["code"]) == (
        "invalid_request_error",
        "file",
        "invalid_file_format",
    )


def test_an_unknown_model_is_404_model_not_found(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.NotFoundError) as caught:
        openai_server.client().audio.transcriptions.create(file=audio, model="gpt-imaginary")
    error = error_of(caught.value)
    assert (error["param"], error["code"]) == ("model", "model_not_found")
    assert "gpt-imaginary" in error["message"]


def test_flux_is_not_a_file_model(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.NotFoundError):
        openai_server.client().audio.transcriptions.create(file=audio, model="flux")


def test_an_upstream_429_passes_through_with_its_retry_after(
    openai_server: OpenAIServer,
) -> None:
    faults = install_faults(openai_server.emulator, "runWhisperLargeV3Turbo@1:429;retry-after=7")
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.RateLimitError) as caught:
        openai_server.client().audio.transcriptions.create(file=audio, model="whisper-1")
    assert caught.value.response.headers["retry-after"] == "7"
    assert error_of(caught.value)["code"] == "rate_limit_exceeded"
    assert faults.calls("runWhisperLargeV3Turbo") == 1  # forwarded once, not retried


def test_openai_clients_retry_the_429_and_get_the_transcript(
    openai_server: OpenAIServer,
) -> None:
    install_faults(openai_server.emulator, "runWhisperLargeV3Turbo@1:429;retry-after=0")
    with WEATHER.path.open("rb") as audio:
        result = openai_server.client(max_retries=1).audio.transcriptions.create(
            file=audio, model="whisper-1"
        )
    assert "weather" in result.text.lower()


def test_a_refused_stream_handshake_is_an_http_error(openai_server: OpenAIServer) -> None:
    install_faults(openai_server.emulator, "streamNova3@1:ws-refuse;status=503")
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.InternalServerError) as caught:
        openai_server.client().audio.transcriptions.create(file=audio, model="nova-3", stream=True)
    assert caught.value.status_code == 503


def test_an_invalid_response_format_names_the_field(openai_server: OpenAIServer) -> None:
    with WEATHER.path.open("rb") as audio, pytest.raises(openai.BadRequestError) as caught:
        openai_server.client().audio.transcriptions.create(
            file=audio,
            model="whisper-1",
            response_format="diarized_json",
        )
    assert error_of(caught.value)["param"] == "response_format"
