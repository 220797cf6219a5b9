"""Refusals: Cloudflare's envelope, status, code and wording, validated against openapi.yaml."""

from __future__ import annotations

import base64
import re
from typing import Any

import httpx
import pytest

from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.cfasr_emulator.conftest import post
from tests.support.spec import validate_exchange
from tests.support.stereo import stereo_call

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def error_of(response: httpx.Response, status: int, code: int) -> str:
    """Check the envelope; return the message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False
    assert body["messages"] == []
    assert len(body["errors"]) >= 1
    assert body["errors"][0]["code"] == code
    assert isinstance(body["errors"][0]["code"], int)
    assert response.headers["cf-ai-req-id"]
    assert "cf-ai-neurons" not in response.headers
    return str(body["errors"][0]["message"])


def bad_input_complaint(response: httpx.Response) -> str:
    """The complaint of a 5006, after checking Cloudflare's wrapping and the request id."""
    message = error_of(response, 400, 5006)
    validate_exchange(response)
    assert response.json()["result"] == {}
    match = re.fullmatch(rf"AiError: Bad input: Error: (.*) \(({UUID})\)", message, re.S)
    assert match, message
    assert match.group(2) == response.headers["cf-ai-req-id"]
    return match.group(1)


def test_whisper_refuses_a_base64_string_like_cloudflare(emulator: EmulatorHandle) -> None:
    response = post(emulator, "@cf/openai/whisper", json={"audio": "UklGRg=="})
    assert (
        bad_input_complaint(response)
        == "Type mismatch of '/audio', 'string' not in 'array','binary'"
    )


def test_whisper_refuses_byte_values_out_of_range(emulator: EmulatorHandle) -> None:
    response = post(emulator, "@cf/openai/whisper", json={"audio": [82, 73, 300]})
    assert "'/audio/2'" in bad_input_complaint(response)


def test_whisper_json_without_audio_names_the_missing_property(emulator: EmulatorHandle) -> None:
    response = post(emulator, "@cf/openai/whisper", json={"sound": [1]})
    assert bad_input_complaint(response) == "required properties at '/' are 'audio'"


def test_nova3_refuses_the_json_audio_form(emulator: EmulatorHandle) -> None:
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        json={"audio": {"body": "UklGRg==", "contentType": "audio/wav"}},
    )
    assert bad_input_complaint(response) == "required properties at '/audio' are 'body,contentType'"


@pytest.mark.parametrize(
    ("model", "kwargs"),
    [
        ("@cf/openai/whisper", {"content": b"this is plainly not audio" * 20}),
        ("@cf/openai/whisper-tiny-en", {"json": {"audio": list(b"not audio at all")}}),
        ("@cf/deepgram/nova-3", {"content": b"\x00\x01garbage" * 50}),
        (
            "@cf/openai/whisper-large-v3-turbo",
            {"json": {"audio": base64.b64encode(b"not audio, just text").decode()}},
        ),
    ],
)
def test_bytes_that_are_not_audio_are_bad_input_never_500(
    emulator: EmulatorHandle, model: str, kwargs: dict[str, Any]
) -> None:
    complaint = bad_input_complaint(post(emulator, model, **kwargs))
    assert "not audio that can be decoded" in complaint


def test_an_empty_body_is_bad_input(emulator: EmulatorHandle) -> None:
    complaint = bad_input_complaint(post(emulator, "@cf/openai/whisper", content=b""))
    assert "empty" in complaint


def test_turbo_refuses_broken_base64_as_invalid_data(emulator: EmulatorHandle) -> None:
    response = post(emulator, "@cf/openai/whisper-large-v3-turbo", json={"audio": "@@@not base64"})
    message = error_of(response, 400, 5004)
    validate_exchange(response)
    assert "base64" in message


def test_turbo_refuses_a_raw_body_and_says_what_it_takes(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    response = post(emulator, "@cf/openai/whisper-large-v3-turbo", content=weather_wav)
    assert '{"audio": "<base64' in bad_input_complaint(response)


@pytest.mark.parametrize(
    ("options", "pointer"),
    [
        ({"task": "summarise"}, "'/task'"),
        ({"language": "english"}, "'/language'"),
        ({"language": "zz"}, "'/language'"),
        ({"beam_size": 0}, "'/beam_size'"),
        ({"beam_size": 2.5}, "'/beam_size'"),
        ({"vad_filter": 3}, "'/vad_filter'"),
        ({"no_speech_threshold": 1.5}, "'/no_speech_threshold'"),
        ({"initial_prompt": 7}, "'/initial_prompt'"),
        ({"condition_on_previous_text": "yes"}, "'/condition_on_previous_text'"),
    ],
)
def test_turbo_options_are_validated(
    emulator: EmulatorHandle, options: dict[str, Any], pointer: str
) -> None:
    body = {"audio": base64.b64encode(b"RIFF").decode(), **options}
    response = post(emulator, "@cf/openai/whisper-large-v3-turbo", json=body)
    assert pointer in bad_input_complaint(response)


@pytest.mark.parametrize(
    ("params", "pointer"),
    [
        ({"language": "klingon"}, "'/language'"),
        ({"punctuate": "yes"}, "'/punctuate'"),
        ({"encoding": "mp3"}, "'/encoding'"),
        ({"redact": "everything"}, "'/redact'"),
        ({"utt_split": "long"}, "'/utt_split'"),
        ({"channels": "0"}, "'/channels'"),
        ({"extra": "no-colon"}, "'/extra'"),
        ({"queueRequest": "maybe"}, "'/queueRequest'"),
    ],
)
def test_nova3_query_options_are_validated(
    emulator: EmulatorHandle, weather_wav: bytes, params: dict[str, str], pointer: str
) -> None:
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        content=weather_wav,
        params=params,
        headers={"content-type": "audio/wav"},
    )
    assert pointer in bad_input_complaint(response)


def test_nova3_refuses_keywords_like_deepgram(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    response = post(
        emulator,
        "@cf/deepgram/nova-3",
        content=weather_wav,
        params={"keywords": "Cloudflare"},
        headers={"content-type": "audio/wav"},
    )
    assert "Please use keyterm instead" in bad_input_complaint(response)


def test_nova3_raw_encoding_needs_a_sample_rate(emulator: EmulatorHandle) -> None:
    response = post(
        emulator, "@cf/deepgram/nova-3", content=b"\x00\x00" * 1600, params={"encoding": "linear16"}
    )
    assert "sample_rate is required" in bad_input_complaint(response)


def test_flux_post_explains_that_flux_streams_over_the_websocket(emulator: EmulatorHandle) -> None:
    response = post(
        emulator, "@cf/deepgram/flux", json={"encoding": "linear16", "sample_rate": "16000"}
    )
    complaint = bad_input_complaint(response)
    assert "no audio over REST" in complaint
    assert "WebSocket" in complaint


def test_an_unknown_model_is_5007(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    response = post(emulator, "@cf/openai/whisper-xxl", content=weather_wav)
    message = error_of(response, 400, 5007)
    assert message == "No such model @cf/openai/whisper-xxl or task"


def test_a_malformed_model_id_is_3042(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    response = post(emulator, "openai/whisper", content=weather_wav)
    error_of(response, 404, 3042)
    assert response.json()["result"] == {}


def test_get_on_a_websocket_operation_without_upgrade_is_refused(emulator: EmulatorHandle) -> None:
    response = httpx.get(emulator.model_url("@cf/deepgram/nova-3"), headers=emulator.auth_headers)
    assert "Upgrade: websocket" in error_of(response, 400, 3003)


def test_an_unknown_path_is_7000(emulator: EmulatorHandle) -> None:
    response = httpx.get(emulator.base_url + "/user/tokens/verify", headers=emulator.auth_headers)
    assert error_of(response, 404, 7000) == "No route for that URI"
    assert response.json()["result"] is None


def test_recognition_past_the_engine_deadline_is_an_inference_timeout(
    weather_wav: bytes,
) -> None:
    with run_emulator(engine_deadline_s=1e-6, engine_queue=1) as emu:
        for model in ("@cf/openai/whisper-tiny-en", "@cf/deepgram/nova-3"):
            # With one engine slot, a slot kept by the first timeout would make this a 429.
            response = post(emu, model, content=weather_wav, headers={"content-type": "audio/wav"})
            message = error_of(response, 408, 3007)
            validate_exchange(response)
            assert response.json()["result"] == {}
            assert message == (
                "Request timeout: recognition took longer than the engine deadline of 1e-06 s "
                f"({response.headers['cf-ai-req-id']})"
            )


@pytest.mark.parametrize("form", ["wav", "linear16"])
def test_multichannel_recognition_past_the_engine_deadline_is_an_inference_timeout(
    form: str,
) -> None:
    """nova-3 ``multichannel=true`` times out as the mixed-down request does: 408 / 3007,
    never a 500, and the request's engine slot is free again (issue 25 item 4)."""
    call = stereo_call()
    if form == "wav":
        body, content_type, query = call.wav, "audio/wav", {"multichannel": "true"}
    else:
        body, content_type = call.pcm, "application/octet-stream"
        query = {
            "multichannel": "true",
            "encoding": "linear16",
            "sample_rate": "16000",
            "channels": "2",
        }
    with run_emulator(engine_deadline_s=1e-6, engine_queue=1) as emu:
        for _ in range(2):  # with one engine slot, a slot kept by the first would make a 429
            response = post(
                emu,
                "@cf/deepgram/nova-3",
                content=body,
                headers={"content-type": content_type},
                params=query,
            )
            message = error_of(response, 408, 3007)
            validate_exchange(response)
            assert response.json()["result"] == {}
            assert message == (
                "Request timeout: recognition took longer than the engine deadline of 1e-06 s "
                f"({response.headers['cf-ai-req-id']})"
            )
