"""queueRequest=true: submit, poll until done, responses validated against openapi.yaml."""

from __future__ import annotations

import base64
import time

import httpx
import pytest

from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_emulator.conftest import post
from tests.support.spec import validate_exchange

TURBO = "@cf/openai/whisper-large-v3-turbo"
QUEUE = {"queueRequest": "true"}


def poll_until_done(emu: EmulatorHandle, model: str, request_id: str) -> httpx.Response:
    for _ in range(600):
        response = post(emu, model, params=QUEUE, json={"request_id": request_id})
        assert response.status_code == 200, response.text
        validate_exchange(response)
        if "responses" in response.json()["result"]:
            return response
        assert response.json()["result"]["status"] in ("queued", "running")
        time.sleep(0.1)
    raise AssertionError("the batch never finished")


def test_turbo_batch_is_queued_then_answered_in_order(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    audio = base64.b64encode(weather_wav).decode()
    submitted = post(
        emulator,
        TURBO,
        params=QUEUE,
        json={
            "requests": [
                {"audio": audio, "external_reference": "first"},
                {"audio": base64.b64encode(b"not audio").decode()},
            ]
        },
    )
    assert submitted.status_code == 200, submitted.text
    validate_exchange(submitted)
    queued = submitted.json()["result"]
    assert queued["status"] == "queued"
    assert queued["model"] == TURBO
    assert queued["request_id"] == submitted.headers["cf-ai-req-id"]
    assert submitted.headers["cf-ai-neurons"] == "0"

    responses = poll_until_done(emulator, TURBO, queued["request_id"]).json()["result"]["responses"]
    assert [r["id"] for r in responses] == [0, 1]
    assert responses[0]["success"] is True
    assert responses[0]["external_reference"] == "first"
    assert "park" in responses[0]["result"]["text"].lower()
    assert responses[1]["success"] is False
    assert responses[1]["errors"][0]["code"] == 5006


def test_whisper_raw_body_can_be_queued(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    submitted = post(emulator, "@cf/openai/whisper", params=QUEUE, content=weather_wav)
    assert submitted.status_code == 200, submitted.text
    request_id = submitted.json()["result"]["request_id"]
    done = poll_until_done(emulator, "@cf/openai/whisper", request_id)
    assert "weather" in done.json()["result"]["responses"][0]["result"]["text"].lower()


def test_polling_an_unknown_request_id_is_bad_input(emulator: EmulatorHandle) -> None:
    response = post(emulator, TURBO, params=QUEUE, json={"request_id": "no-such-batch"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == 5006


def test_a_batch_item_that_fails_validation_refuses_the_whole_batch(
    emulator: EmulatorHandle,
) -> None:
    response = post(emulator, TURBO, params=QUEUE, json={"requests": [{"audio": 5}]})
    assert response.status_code == 400
    assert "'/requests/0/audio'" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("requests", [[], "x"])
def test_an_empty_or_malformed_batch_is_refused(emulator: EmulatorHandle, requests: object) -> None:
    response = post(emulator, TURBO, params=QUEUE, json={"requests": requests})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == 5006


def test_nova3_json_batch_carries_audio_objects_options_and_references(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    nova3 = "@cf/deepgram/nova-3"
    item = {
        "audio": {"body": base64.b64encode(weather_wav).decode(), "contentType": "audio/wav"},
        "punctuate": True,
        "redact": ["pci", "pii"],
        "external_reference": "call-7",
        "options": {"rejectIfBusy": False},
    }
    submitted = post(emulator, nova3, params=QUEUE, json={"requests": [item]})
    assert submitted.status_code == 200, submitted.text
    validate_exchange(submitted)
    request_id = submitted.json()["result"]["request_id"]
    (response,) = poll_until_done(emulator, nova3, request_id).json()["result"]["responses"]
    assert response["success"] is True
    assert response["external_reference"] == "call-7"
    channel = response["result"]["results"]["channels"][0]
    assert "weather" in channel["alternatives"][0]["transcript"].lower()
    warned = {w["parameter"] for w in response["result"]["metadata"]["warnings"]}
    assert warned == {"redact"}


@pytest.mark.parametrize(
    ("item", "where"),
    [
        ({"audio": {"body": "AAAA"}}, "'/requests/0/audio' are 'body,contentType'"),
        ({"audio": {"body": "%%%", "contentType": "audio/wav"}}, "not valid base64"),
        (
            {"audio": {"body": "AAAA", "contentType": "audio/wav"}, "punctuate": "maybe"},
            "punctuate",
        ),
        (
            {"audio": {"body": "AAAA", "contentType": "audio/wav"}, "external_reference": 5},
            "external_reference",
        ),
        ({"audio": {"body": "AAAA", "contentType": "audio/wav"}, "options": 5}, "options"),
    ],
)
def test_nova3_json_batch_items_are_checked(
    emulator: EmulatorHandle, item: dict[str, object], where: str
) -> None:
    response = post(emulator, "@cf/deepgram/nova-3", params=QUEUE, json={"requests": [item]})
    assert response.status_code == 400, response.text
    assert where in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"audio": [1, 2, 3], "options": {"rejectIfBusy": None}},
        {"audio": [1, 2, 3], "options": None},
        {"requests": [{"audio": [1, 2, 3], "external_reference": None}]},
    ],
)
def test_request_members_of_the_wrong_type_are_refused(
    emulator: EmulatorHandle, body: dict[str, object]
) -> None:
    response = post(emulator, "@cf/openai/whisper", params=QUEUE, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["code"] == 5006
