"""Injected faults over real HTTP: each kind, by header and by rule, and only when enabled."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cfasr_emulator.faults import (
    FaultSpecError,
    ResetFault,
    StatusFault,
    WsCloseFault,
    WsErrorFault,
    WsRefuseFault,
    WsSlowFault,
    WsStallFault,
    parse_fault,
    parse_rules,
)
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_ext import ErrorCode, InternalServerError
from cfasr_ext._errors import error_from_response
from tests.cfasr_emulator.conftest import post
from tests.support.spec import validate_exchange

WHISPER = "@cf/openai/whisper"


@pytest.fixture(scope="module")
def faulty() -> Iterator[EmulatorHandle]:
    rules = parse_rules(["runWhisperTinyEn@2:503", "runNova3@2+:3040"])
    with run_emulator(engine_mode="skip", faults_enabled=True, fault_rules=rules) as handle:
        yield handle


def with_fault(emu: EmulatorHandle, spec: str, audio: bytes, **kw: Any) -> httpx.Response:
    return post(emu, WHISPER, content=audio, headers={"cf-emulator-fault": spec}, **kw)


@pytest.mark.parametrize(
    ("spec", "status", "code"),
    [
        ("3040", 429, 3040),
        ("3036", 429, 3036),
        ("408", 408, 3007),
        ("500", 500, 3008),
        ("502", 502, 3008),
        ("503", 503, 3040),
        ("504", 504, 3007),
    ],
)
def test_status_faults_answer_with_cloudflare_envelopes(
    faulty: EmulatorHandle, weather_wav: bytes, spec: str, status: int, code: int
) -> None:
    response = with_fault(faulty, spec, weather_wav)
    assert response.status_code == status
    assert response.json()["errors"][0]["code"] == code
    assert response.json()["success"] is False
    if status in (408, 429, 500):
        validate_exchange(response)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_use_codes_of_cloudflares_table_and_map_in_the_sdk(
    faulty: EmulatorHandle, weather_wav: bytes, status: int
) -> None:
    response = with_fault(faulty, str(status), weather_wav)
    code = response.json()["errors"][0]["code"]
    assert code in {member.value for member in ErrorCode}  # the SDK's copy of the table
    error = error_from_response(response.status_code, response.content, response.headers)
    assert isinstance(error, InternalServerError)
    assert error.code == code
    assert str(code) in str(error)


def test_capacity_fault_has_cloudflares_message(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    response = with_fault(faulty, "3040", weather_wav)
    assert response.json()["errors"][0]["message"] == (
        "Capacity temporarily exceeded, please try again."
    )
    assert "retry-after" not in response.headers


def test_429_fault_carries_retry_after(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    response = with_fault(faulty, "429;retry-after=7", weather_wav)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert with_fault(faulty, "429", weather_wav).headers["retry-after"] == "1"


def test_reset_drops_the_connection_mid_body(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        with_fault(faulty, "reset;after-bytes=10", weather_wav)


def test_truncate_sends_a_200_whose_json_is_cut(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    response = with_fault(faulty, "truncate", weather_wav)
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_delay_outlasts_a_client_timeout(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    with pytest.raises(httpx.ReadTimeout):
        with_fault(faulty, "delay=2", weather_wav, timeout=0.2)


def test_delay_then_answers_normally(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    assert with_fault(faulty, "delay=0.1", weather_wav).status_code == 200


def test_a_bad_fault_header_is_refused_with_a_clear_message(
    faulty: EmulatorHandle, weather_wav: bytes
) -> None:
    response = with_fault(faulty, "explode", weather_wav)
    assert response.status_code == 400
    chain = response.json()["errors"][0]["error_chain"][0]
    assert "unknown fault 'explode'" in chain["message"]


def test_websocket_faults_do_not_apply_to_rest(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    assert with_fault(faulty, "ws-stall", weather_wav).status_code == 400


def test_a_rule_fires_on_the_nth_call_only(faulty: EmulatorHandle, weather_wav: bytes) -> None:
    model = "@cf/openai/whisper-tiny-en"
    statuses = [post(faulty, model, content=weather_wav).status_code for _ in range(3)]
    assert statuses == [200, 503, 200]


def test_an_onwards_rule_fires_from_the_nth_call(
    faulty: EmulatorHandle, weather_wav: bytes
) -> None:
    model = "@cf/deepgram/nova-3"
    statuses = [post(faulty, model, content=weather_wav).status_code for _ in range(3)]
    assert statuses == [200, 429, 429]


def test_the_fault_header_is_ignored_unless_faults_are_enabled(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip") as emu:
        assert with_fault(emu, "503", weather_wav).status_code == 200


# --- the spec grammar, shared with the WebSocket handlers --------------------------------


def test_websocket_fault_specs_parse() -> None:
    assert parse_fault("ws-close=1011;after-messages=3") == WsCloseFault(1011, 3, None)
    assert parse_fault("ws-close=1006;after-seconds=1.5") == WsCloseFault(1006, None, 1.5)
    assert parse_fault("ws-stall;after-messages=2") == WsStallFault(2)
    assert parse_fault("ws-error") == WsErrorFault(0, "INTERNAL_SERVER_ERROR")
    assert parse_fault("ws-error;after-messages=4;code=X") == WsErrorFault(4, "X")
    assert parse_fault("ws-refuse;status=429") == WsRefuseFault(429)
    assert parse_fault("ws-refuse") == WsRefuseFault(503)
    assert parse_fault("ws-slow=2.5") == WsSlowFault(2.5)


def test_http_fault_specs_parse() -> None:
    assert parse_fault("429;retry-after=2.5") == StatusFault(429, 3040, 2.5)
    assert parse_fault("reset") == ResetFault(16)


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "teapot",
        "delay=soon",
        "reset;after-bytes=-1",
        "ws-close=99",
        "503;color=red",
        "reset;x",
        "ws-slow",
        "ws-slow=1;after-messages=2",
    ],
)
def test_bad_fault_specs_are_refused(spec: str) -> None:
    with pytest.raises(FaultSpecError):
        parse_fault(spec)


@pytest.mark.parametrize(
    "rule", ["runWhisper:503", "runWhisper@0:503", "runOther@1:503", "*@x:500"]
)
def test_bad_rules_are_refused(rule: str) -> None:
    with pytest.raises(FaultSpecError):
        parse_rules([rule])
