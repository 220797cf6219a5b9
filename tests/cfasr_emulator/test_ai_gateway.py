"""AI Gateway's URLs for Workers AI on the emulator, driven by the SDK's gateway settings
(`gateway_id`, `gateway_token`, `gateway_base_url`, `GatewayOptions`) end to end, sync and
async, REST and streams (issue 31, item 7)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cfasr_client.contract import OPERATIONS
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Subprotocol

import cfasr_ext as cf
from cfasr_emulator.engine import WEATHER, SpeechEngine
from cfasr_emulator.gateway_state import GatewayLogEntry
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_ext.internal import NOVA_3, TURBO
from tests.support.emulators import TOKEN, install_faults

pytestmark = pytest.mark.engine  # the real speech engine: not in make test-fast

GATEWAY_TOKEN = "gateway-token-7c41e0"
WHISPER = OPERATIONS["runWhisper"]


@pytest.fixture(scope="module")
def emulator(speech_engine: SpeechEngine) -> Iterator[EmulatorHandle]:
    """Strict API token, an authenticated gateway with its cache on, faults available."""
    with run_emulator(
        engine=speech_engine,
        token=TOKEN,
        gateway_token=GATEWAY_TOKEN,
        gateway_cache=True,
        faults_enabled=True,
    ) as handle:
        yield handle


def gateway_base(emu: EmulatorHandle) -> str:
    return f"http://127.0.0.1:{emu.port}/v1"


def settings(emu: EmulatorHandle, **overrides: Any) -> dict[str, Any]:
    """Client arguments that reach `emu` through its gateway routes only: `base_url` points
    nowhere, so a call that skipped the gateway would fail to connect."""
    values: dict[str, Any] = {
        "api_token": TOKEN,
        "account_id": emu.account_id,
        "base_url": "http://127.0.0.1:9/client/v4",
        "gateway_id": f"gw-{uuid.uuid4().hex[:8]}",  # a gateway of its own: its own log
        "gateway_token": GATEWAY_TOKEN,
        "gateway_base_url": gateway_base(emu),
        "environ": {},
        "max_retries": 0,
    }
    values.update(overrides)
    return values


def log_of(emu: EmulatorHandle, gateway_id: str) -> list[GatewayLogEntry]:
    return [entry for entry in emu.context.gateway.log() if entry.gateway_id == gateway_id]


def test_sync_rest_through_the_gateway_and_a_cache_hit_the_second_time(
    emulator: EmulatorHandle,
) -> None:
    faults = install_faults(emulator)
    options = cf.GatewayOptions(metadata={"team": "asr", "run": 7}, event_id="evt-1")
    args = settings(emulator, gateway_options=options)
    with cf.Client(**args) as client:
        first = client.whisper.transcribe(WEATHER.path)
        second = client.whisper.transcribe(WEATHER.path)
    assert "weather" in first.text.lower()
    assert second.text == first.text
    assert faults.calls(WHISPER.operation_id) == 1  # the second answer came from the cache
    entries = log_of(emulator, args["gateway_id"])
    assert [entry.cache_status for entry in entries] == ["MISS", "HIT"]
    assert all(entry.model == WHISPER.model for entry in entries)
    assert entries[0].metadata == {"team": "asr", "run": 7}
    assert entries[0].event_id == "evt-1"
    assert entries[0].log_id != entries[1].log_id


def test_async_rest_through_the_gateway_skip_cache_goes_to_the_model(
    emulator: EmulatorHandle,
) -> None:
    faults = install_faults(emulator)
    nova = next(op for op in OPERATIONS.values() if op.model == NOVA_3 and op.transport == "rest")
    args = settings(emulator, gateway_options=cf.GatewayOptions(skip_cache=True))

    async def go() -> list[cf.Transcript]:
        async with cf.AsyncClient(**args) as client:
            return [await client.transcribe(WEATHER.path, model=NOVA_3) for _ in range(2)]

    transcripts = asyncio.run(go())
    assert all("weather" in t.text.lower() for t in transcripts)
    assert faults.calls(nova.operation_id) == 2
    assert [e.cache_status for e in log_of(emulator, args["gateway_id"])] == ["MISS", "MISS"]


def test_async_cache_hit_on_the_second_identical_call(emulator: EmulatorHandle) -> None:
    faults = install_faults(emulator)
    args = settings(emulator, gateway_options=cf.GatewayOptions(cache_ttl=3600))

    async def go() -> list[cf.Transcript]:
        async with cf.AsyncClient(**args) as client:
            return [await client.transcribe(WEATHER.path, model=TURBO) for _ in range(2)]

    first, second = asyncio.run(go())
    assert second.text == first.text
    assert "weather" in first.text.lower()
    turbo = next(op for op in OPERATIONS.values() if op.model == TURBO and op.transport == "rest")
    assert faults.calls(turbo.operation_id) == 1
    assert [e.cache_status for e in log_of(emulator, args["gateway_id"])] == ["MISS", "HIT"]


def test_sync_stream_through_the_gateway(emulator: EmulatorHandle) -> None:
    args = settings(emulator)
    with cf.Client(**args) as client:
        stream = client.nova_3.stream(encoding="linear16", sample_rate=16000)
        with stream:
            stream.send_file(WEATHER.path)
            stream.close()
            events = list(stream)
    assert any(isinstance(event, cf.Results) for event in events)
    assert "weather" in stream.transcript().text.lower()
    (entry,) = log_of(emulator, args["gateway_id"])
    assert (entry.model, entry.status) == (NOVA_3, 101)


def test_async_stream_through_the_gateway(emulator: EmulatorHandle) -> None:
    args = settings(emulator)

    async def go() -> cf.Transcript:
        async with cf.AsyncClient(**args) as client:
            async with client.nova_3.stream(encoding="linear16", sample_rate=16000) as stream:
                await stream.send_file(WEATHER.path)
                await stream.close()
                _ = [event async for event in stream]
            return stream.transcript()

    assert "weather" in asyncio.run(go()).text.lower()
    assert [e.status for e in log_of(emulator, args["gateway_id"])] == [101]


def test_a_wrong_gateway_token_is_refused_rest_and_stream(emulator: EmulatorHandle) -> None:
    args = settings(emulator, gateway_token="not-the-gateway-token")
    with cf.Client(**args) as client:
        with pytest.raises(cf.AuthenticationError):
            client.whisper.transcribe(WEATHER.path)
        stream = client.nova_3.stream(encoding="linear16", sample_rate=16000)
        with pytest.raises(cf.AuthenticationError):
            stream.connect()
    assert log_of(emulator, args["gateway_id"]) == []


def test_the_gateway_retries_a_503_when_asked(emulator: EmulatorHandle) -> None:
    install_faults(emulator, f"{WHISPER.operation_id}@1:503")
    args = settings(emulator, gateway_options=cf.GatewayOptions(max_attempts=2, skip_cache=True))
    with cf.Client(**args) as client:
        assert "weather" in client.whisper.transcribe(WEATHER.path).text.lower()
    (entry,) = log_of(emulator, args["gateway_id"])
    assert (entry.status, entry.attempts) == (200, 2)

    install_faults(emulator, f"{WHISPER.operation_id}@1:503")
    with cf.Client(**settings(emulator)) as client, pytest.raises(cf.InternalServerError):
        client.whisper.transcribe(WEATHER.path)  # one attempt: the gateway's default


def _raw_post(emu: EmulatorHandle, gateway_id: str, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{gateway_base(emu)}/{emu.account_id}/{gateway_id}/workers-ai/{WHISPER.model}",
        content=WEATHER.path.read_bytes(),
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "cf-aig-authorization": f"Bearer {GATEWAY_TOKEN}",
            "content-type": "audio/wav",
            **headers,
        },
        timeout=120,
    )


def test_answers_carry_cache_status_and_log_id_and_collect_log_false_is_not_logged(
    emulator: EmulatorHandle,
) -> None:
    gateway_id = f"gw-{uuid.uuid4().hex[:8]}"
    key = uuid.uuid4().hex
    first = _raw_post(emulator, gateway_id, **{"cf-aig-cache-key": key})
    second = _raw_post(
        emulator, gateway_id, **{"cf-aig-cache-key": key, "cf-aig-collect-log": "false"}
    )
    assert first.status_code == second.status_code == 200
    assert first.headers["cf-aig-cache-status"] == "MISS"
    assert second.headers["cf-aig-cache-status"] == "HIT"
    assert first.headers["cf-aig-log-id"] != second.headers["cf-aig-log-id"]
    assert "cf-ai-neurons" in first.headers
    assert "cf-ai-neurons" not in second.headers  # a cached answer bills nothing
    assert second.json() == first.json()
    assert [e.log_id for e in log_of(emulator, gateway_id)] == [first.headers["cf-aig-log-id"]]


def test_a_bad_gateway_header_is_refused_in_cloudflares_envelope(
    emulator: EmulatorHandle,
) -> None:
    response = _raw_post(emulator, "gw-bad", **{"cf-aig-cache-ttl": "5"})
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert "cf-aig-cache-ttl" in body["errors"][0]["error_chain"][0]["message"]


def test_the_openai_routes_under_v1_are_untouched(emulator: EmulatorHandle) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    models = httpx.get(f"{gateway_base(emulator)}/models", headers=headers)
    assert models.status_code == 200
    assert models.json()["object"] == "list"
    # Not 32 hex digits: not a gateway path, so the OpenAI app's own 404.
    other = httpx.post(f"{gateway_base(emulator)}/audio/gw/workers-ai/{WHISPER.model}")
    assert other.status_code == 404
    assert "error" in other.json()


def test_without_gateway_cache_every_answer_is_a_miss(speech_engine: SpeechEngine) -> None:
    """Cloudflare's gateway caches no speech results: the emulator's default does the same."""
    with run_emulator(engine=speech_engine, engine_mode="skip") as emu:
        gateway_id = "gw-default"
        answers = [
            httpx.post(
                f"{gateway_base(emu)}/{emu.account_id}/{gateway_id}/workers-ai/{WHISPER.model}",
                content=WEATHER.path.read_bytes(),
                headers={"Authorization": f"Bearer {emu.token}", "content-type": "audio/wav"},
                timeout=120,
            )
            for _ in range(2)
        ]
    assert [a.status_code for a in answers] == [200, 200]
    assert [a.headers["cf-aig-cache-status"] for a in answers] == ["MISS", "MISS"]


def test_a_browser_presents_the_gateway_token_as_a_subprotocol(emulator: EmulatorHandle) -> None:
    """A browser cannot set `cf-aig-authorization` on a WebSocket: the offered subprotocol
    carries it, and the handshake selects it (or the browser would drop the socket)."""
    protocol = f"cf-aig-authorization.{GATEWAY_TOKEN}"
    url = (
        f"ws://127.0.0.1:{emulator.port}/v1/{emulator.account_id}/gw-browser/workers-ai"
        f"?model={NOVA_3}&encoding=linear16&sample_rate=16000"
    )
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with connect(url, subprotocols=[Subprotocol(protocol)], additional_headers=headers) as ws:
        assert ws.subprotocol == protocol
        assert ws.response is not None
        assert ws.response.headers["cf-aig-log-id"]
        ws.send('{"type": "CloseStream"}')
        for _ in ws:
            pass
    wrong = Subprotocol("cf-aig-authorization.not-it")
    with pytest.raises(InvalidStatus) as caught:
        connect(url, subprotocols=[wrong], additional_headers=headers)
    assert caught.value.response.status_code == 401
