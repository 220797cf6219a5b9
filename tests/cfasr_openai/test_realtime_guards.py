"""`/v1/realtime`'s refusals and ends: keys, browsers, bad events, timeouts, a vanished
client and a dropped upstream connection (emulator fault injection)."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from typing import Any

import openai
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from cfasr_emulator.engine import TWO_SENTENCES
from cfasr_emulator.testing import EmulatorHandle
from cfasr_openai import GatewayConfig
from cfasr_openai.testing import GatewayHandle, run_gateway
from tests.cfasr_openai.conftest import GATEWAY_KEY, OpenAIServer, gateway_in_front_of
from tests.cfasr_openai.realtime_support import (
    RECV_BOUND_S,
    check_item_order,
    completed_text,
    of_type,
    pcm16_at,
    silence,
    transcribe_live,
    words,
)
from tests.cfasr_openai.test_realtime import PCM_RATE, SERVER_VAD
from tests.support.emulators import install_faults

pytestmark = [pytest.mark.slow(cpu_s=20), pytest.mark.engine]

QUERY = "/realtime?intent=transcription&model=gpt-4o-transcribe"


def _ws_url(base_url: str) -> str:
    return "ws" + base_url.removeprefix("http") + QUERY


async def _next(ws: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), RECV_BOUND_S))
    return parsed


async def _close_code(ws: Any) -> int | None:
    """Read whatever is left until the server closes; its close code."""
    try:
        while True:
            await _next(ws)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


@pytest.fixture(scope="module")
def short_gateway(speech_emulator: EmulatorHandle) -> Iterator[GatewayHandle]:
    """A gateway whose sessions idle out after 1 s and expire after 3 s."""
    yield from gateway_in_front_of(
        speech_emulator, realtime_idle_timeout_s=1.0, realtime_max_session_s=3.0
    )


@pytest.fixture(scope="module")
def keyless_gateway(speech_emulator: EmulatorHandle) -> Iterator[GatewayHandle]:
    with run_gateway(
        GatewayConfig(),
        api_token=speech_emulator.token,
        account_id=speech_emulator.account_id,
        base_url=speech_emulator.base_url,
    ) as gateway:
        yield gateway


async def test_a_wrong_key_is_refused_at_the_handshake(openai_server: OpenAIServer) -> None:
    client = openai.AsyncOpenAI(base_url=openai_server.base_url, api_key="nope", max_retries=0)
    with pytest.raises(InvalidStatus) as refused:
        async with client.realtime.connect(
            model="gpt-4o-transcribe", extra_query={"intent": "transcription"}
        ):
            pass
    assert refused.value.response.status_code == 401
    body = json.loads(refused.value.response.body or b"{}")
    assert body["error"]["code"] == "invalid_api_key"
    assert body["error"]["type"] == "invalid_request_error"


async def test_a_browser_presents_the_key_as_a_subprotocol(gateway: GatewayHandle) -> None:
    async with connect(
        _ws_url(gateway.base_url),
        subprotocols=["realtime", f"openai-insecure-api-key.{GATEWAY_KEY}"],  # type: ignore[list-item]
        origin="https://app.example",  # type: ignore[arg-type]
    ) as ws:
        assert ws.subprotocol == "realtime"  # never the key echoed back
        assert (await _next(ws))["type"] == "session.created"
    with pytest.raises(InvalidStatus) as refused:
        async with connect(
            _ws_url(gateway.base_url),
            subprotocols=["realtime", "openai-insecure-api-key.wrong"],  # type: ignore[list-item]
        ):
            pass
    assert refused.value.response.status_code == 401


async def test_a_keyless_gateway_refuses_a_foreign_origin(keyless_gateway: GatewayHandle) -> None:
    url = _ws_url(keyless_gateway.base_url)
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, origin="https://evil.example"):  # type: ignore[arg-type]
            pass
    assert refused.value.response.status_code == 403
    assert json.loads(refused.value.response.body or b"{}")["error"]["code"] == "foreign_request"
    async with connect(url) as ws:  # a program on this machine: served
        assert (await _next(ws))["type"] == "session.created"


async def test_a_bad_event_gets_an_error_event_and_the_session_goes_on(
    openai_server: OpenAIServer,
) -> None:
    headers = {"Authorization": f"Bearer {openai_server.api_key}"}
    async with connect(_ws_url(openai_server.base_url), additional_headers=headers) as ws:
        assert (await _next(ws))["type"] == "session.created"
        await ws.send(json.dumps({"type": "response.create", "event_id": "evt_1"}))
        error = await _next(ws)
        assert error["type"] == "error"
        assert error["error"]["type"] == "invalid_request_error"
        assert error["error"]["param"] == "type"
        assert error["error"]["event_id"] == "evt_1"
        await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": "%%"}))
        assert (await _next(ws))["error"]["param"] == "audio"
        await ws.send(json.dumps({"type": "input_audio_buffer.commit"}))
        assert (await _next(ws))["error"]["code"] == "input_audio_buffer_commit_empty"
        bad_format = {"type": "transcription", "audio": {"input": {"format": {"type": "x"}}}}
        await ws.send(json.dumps({"type": "session.update", "session": bad_format}))
        assert (await _next(ws))["error"]["param"] == "session.audio.input.format.type"
        await ws.send(json.dumps({"type": "session.update", "session": SERVER_VAD}))
        assert (await _next(ws))["type"] == "session.updated"


@pytest.mark.parametrize(("wait", "code"), [("idle", "idle_timeout"), ("talk", "session_expired")])
async def test_timeouts_send_an_error_event_then_close(
    short_gateway: GatewayHandle, wait: str, code: str
) -> None:
    headers = {"Authorization": f"Bearer {GATEWAY_KEY}"}
    async with connect(_ws_url(short_gateway.base_url), additional_headers=headers) as ws:
        assert (await _next(ws))["type"] == "session.created"
        event: dict[str, Any] = {}
        while event.get("type") != "error":
            if wait == "talk":  # keeps the session busy, so only the maximum duration ends it
                audio = base64.b64encode(silence(0.1, PCM_RATE)).decode()
                await ws.send(json.dumps({"type": "input_audio_buffer.clear"}))
                await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": audio}))
            try:
                event = await asyncio.wait_for(_next(ws), 0.5 if wait == "talk" else RECV_BOUND_S)
            except TimeoutError:
                continue
        assert event["error"]["code"] == code
        assert await _close_code(ws) == 1001


async def _until_no_session(sessions: Any) -> None:
    """Wait (bounded) until the emulator has no WebSocket session open: it notices a closed
    stream a moment after the gateway closes it."""
    for _ in range(int(RECV_BOUND_S * 10)):
        if sessions.open_sessions == 0:
            return
        await asyncio.sleep(0.1)


async def test_a_vanished_client_frees_its_upstream_stream(openai_server: OpenAIServer) -> None:
    sessions = openai_server.emulator.context.sessions
    await _until_no_session(sessions)  # the streams of earlier tests, closed, all released
    assert sessions.open_sessions == 0
    headers = {"Authorization": f"Bearer {openai_server.api_key}"}
    ws = await connect(_ws_url(openai_server.base_url), additional_headers=headers)
    assert (await _next(ws))["type"] == "session.created"
    audio = base64.b64encode(silence(0.2, PCM_RATE)).decode()
    await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": audio}))
    await ws.send(json.dumps({"type": "input_audio_buffer.commit"}))
    assert (await _next(ws))["type"] == "input_audio_buffer.committed"
    assert sessions.open_sessions == 1  # the commit went upstream: the stream is open
    ws.transport.abort()  # gone without a closing handshake
    await _until_no_session(sessions)
    assert sessions.open_sessions == 0


async def test_an_upstream_drop_loses_no_word(openai_server: OpenAIServer) -> None:
    # The first nova-3 connection closes abnormally after three messages; the SDK reconnects
    # and resends the audio no final result covered.
    faults = install_faults(openai_server.emulator, "streamNova3@1:ws-close=1011;after-messages=3")
    audio = pcm16_at(TWO_SENTENCES.path, PCM_RATE) + silence(1.5, PCM_RATE)
    events = await transcribe_live(
        openai_server.base_url,
        openai_server.api_key,
        audio,
        session=SERVER_VAD,
        bytes_per_s=2 * PCM_RATE,
        utterances=2,
    )
    assert not of_type(events, "error"), of_type(events, "error")
    assert faults.calls("streamNova3") == 2
    assert words(completed_text(events)) == words(TWO_SENTENCES.text)
    check_item_order(events)


async def test_settings_are_fixed_once_audio_flows(openai_server: OpenAIServer) -> None:
    headers = {"Authorization": f"Bearer {openai_server.api_key}"}
    async with connect(_ws_url(openai_server.base_url), additional_headers=headers) as ws:
        assert (await _next(ws))["type"] == "session.created"
        beta = {"input_audio_format": "pcm16", "turn_detection": {"type": "server_vad"}}
        await ws.send(json.dumps({"type": "transcription_session.update", "session": beta}))
        updated = await _next(ws)
        assert updated["type"] == "transcription_session.updated"
        assert updated["session"]["input_audio_format"] == "pcm16"
        audio = base64.b64encode(silence(0.1, PCM_RATE)).decode()
        await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": audio}))
        flux = {
            "type": "transcription",
            "audio": {"input": {"turn_detection": {"type": "semantic_vad"}}},
        }
        await ws.send(json.dumps({"type": "session.update", "session": flux}))
        refused = await _next(ws)
        assert refused["type"] == "error"
        assert refused["error"]["param"] == "session"
        same = {
            "type": "transcription",
            "audio": {"input": {"turn_detection": beta["turn_detection"]}},
        }
        await ws.send(json.dumps({"type": "session.update", "session": same}))
        assert (await _next(ws))["type"] == "session.updated"  # the same settings: fine


async def test_a_refused_upstream_stream_is_an_error_event_then_a_close(
    openai_server: OpenAIServer,
) -> None:
    install_faults(openai_server.emulator, "streamNova3@1:ws-refuse;status=429")
    headers = {"Authorization": f"Bearer {openai_server.api_key}"}
    async with connect(_ws_url(openai_server.base_url), additional_headers=headers) as ws:
        assert (await _next(ws))["type"] == "session.created"
        audio = base64.b64encode(silence(0.1, PCM_RATE)).decode()
        await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": audio}))
        error = await _next(ws)
        assert error["type"] == "error"
        assert error["error"]["code"] == "rate_limit_exceeded"
        assert await _close_code(ws) == 1011


async def test_an_unrecoverable_upstream_failure_fails_the_open_item(
    openai_server: OpenAIServer,
) -> None:
    # The first nova-3 connection drops after two messages, and Workers AI then refuses the
    # gateway's credentials: the SDK cannot reconnect.
    install_faults(
        openai_server.emulator,
        "streamNova3@1:ws-close=1011;after-messages=2",
        "streamNova3@2+:ws-refuse;status=403",
    )
    audio = pcm16_at(TWO_SENTENCES.path, PCM_RATE)
    events = await transcribe_live(
        openai_server.base_url,
        openai_server.api_key,
        audio,
        session=SERVER_VAD,
        bytes_per_s=2 * PCM_RATE,
        utterances=2,
    )
    assert events[-1]["type"] == "error"
    assert events[-1]["error"]["code"] == "upstream_authentication_failed"
    failed = of_type(events, "conversation.item.input_audio_transcription.failed")
    started = of_type(events, "input_audio_buffer.speech_started")
    assert [f["item_id"] for f in failed] == [started[-1]["item_id"]]
