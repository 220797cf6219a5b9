"""Limits: body size, requests per minute, engine capacity, WebSocket sessions; pricing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from cfasr_emulator import error_envelope
from cfasr_emulator.config import ServerConfig
from cfasr_emulator.context import EmulatorContext, WebSocketAdmission
from cfasr_emulator.faults import WsCloseFault
from cfasr_emulator.limits import AccountRateLimiter, SessionLimiter
from cfasr_emulator.neurons import Transport, format_neurons, neurons_for, neurons_per_minute
from cfasr_emulator.testing import run_emulator
from tests.cfasr_emulator.conftest import post
from tests.support.spec import validate_exchange

WHISPER = "@cf/openai/whisper"


def test_a_declared_body_over_the_limit_is_413_3006(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip", max_body_bytes=1000) as emu:
        response = post(emu, WHISPER, content=weather_wav)
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == 3006
    validate_exchange(response)


def test_a_streamed_body_is_cut_off_at_the_limit(weather_wav: bytes) -> None:
    def chunks() -> Iterator[bytes]:
        for start in range(0, len(weather_wav), 4096):
            yield weather_wav[start : start + 4096]

    with run_emulator(engine_mode="skip", max_body_bytes=10_000) as emu:
        response = post(emu, WHISPER, content=chunks())
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == 3006


def test_a_body_at_the_limit_passes(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip", max_body_bytes=len(weather_wav)) as emu:
        assert post(emu, WHISPER, content=weather_wav).status_code == 200


def test_requests_over_the_per_minute_limit_get_429_with_retry_after(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip", requests_per_minute=2) as emu:
        statuses = [post(emu, WHISPER, content=weather_wav).status_code for _ in range(2)]
        refused = post(emu, WHISPER, content=weather_wav)
        other_account = httpx.post(
            f"{emu.base_url}/accounts/{'f' * 32}/ai/run/{WHISPER}",
            content=weather_wav,
            headers=emu.auth_headers,
        )
    assert statuses == [200, 200]
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["code"] == 3040
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    validate_exchange(refused)
    assert other_account.status_code == 200


def test_a_full_engine_answers_3040_at_once(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip", engine_queue=1) as emu:
        held = emu.context.engine.admit()
        try:
            busy = post(emu, WHISPER, content=weather_wav)
        finally:
            held.release()
        after = post(emu, WHISPER, content=weather_wav)
    assert busy.status_code == 429
    assert busy.json()["errors"][0] == {
        "code": 3040,
        "message": "Capacity temporarily exceeded, please try again.",
    }
    assert busy.headers["retry-after"] == "1"  # every 429 of the emulator's own says when
    validate_exchange(busy)
    assert after.status_code == 200


def test_an_injected_3040_keeps_its_missing_retry_after(weather_wav: bytes) -> None:
    """The ``3040`` fault imitates a service that sends no Retry-After, for SDK tests."""
    with run_emulator(engine_mode="skip", faults_enabled=True) as emu:
        injected = post(emu, WHISPER, content=weather_wav, headers={"cf-emulator-fault": "3040"})
    assert injected.status_code == 429
    assert "retry-after" not in injected.headers


def test_the_rate_window_slides() -> None:
    now = [0.0]
    limiter = AccountRateLimiter(2, clock=lambda: now[0])
    limiter.check("a")
    limiter.check("a")
    with pytest.raises(error_envelope.ApiError) as refused:
        limiter.check("a")
    assert refused.value.headers["Retry-After"] == "60"
    now[0] = 60.0
    limiter.check("a")


def test_websocket_sessions_are_capped_and_released() -> None:
    limiter = SessionLimiter(1)
    ticket = limiter.acquire()
    with pytest.raises(error_envelope.ApiError) as refused:
        limiter.acquire()
    assert refused.value.status == 429
    ticket.release()
    ticket.release()  # idempotent
    with limiter.acquire():
        assert limiter.open_sessions == 1
    assert limiter.open_sessions == 0


def test_admit_websocket_checks_auth_then_caps_sessions() -> None:
    ctx = EmulatorContext.create(ServerConfig(engine_mode="skip", max_ws_sessions=1))
    account = "a" * 32
    path = f"/client/v4/accounts/{account}/ai/run/@cf/deepgram/nova-3"
    good = {"authorization": "Bearer t"}

    async def admit(headers: dict[str, str]) -> WebSocketAdmission:
        return await ctx.admit_websocket(
            headers=headers, account_id=account, path=path, operation="streamNova3"
        )

    with pytest.raises(error_envelope.ApiError) as unauthenticated:
        asyncio.run(admit({}))
    assert unauthenticated.value.code == 10000
    first = asyncio.run(admit(good))
    with pytest.raises(error_envelope.ApiError) as full:
        asyncio.run(admit(good))
    assert full.value.code == 3040
    assert full.value.headers["Retry-After"] == "1"
    first.release()
    with asyncio.run(admit(good)) as second:
        assert second.fault is None


def test_admit_websocket_applies_refusal_and_close_faults() -> None:
    ctx = EmulatorContext.create(ServerConfig(engine_mode="skip", faults_enabled=True))
    account = "a" * 32
    path = f"/client/v4/accounts/{account}/ai/run/@cf/deepgram/flux"

    async def admit(spec: str) -> WebSocketAdmission:
        headers = {"authorization": "Bearer t", "cf-emulator-fault": spec}
        return await ctx.admit_websocket(
            headers=headers, account_id=account, path=path, operation="streamFlux"
        )

    with pytest.raises(error_envelope.ApiError) as refused:
        asyncio.run(admit("ws-refuse;status=503"))
    assert refused.value.status == 503
    with asyncio.run(admit("ws-close=1011;after-messages=2")) as admitted:
        assert isinstance(admitted.fault, WsCloseFault)
        assert admitted.fault.code == 1011


@pytest.mark.parametrize(
    ("model", "transport", "per_minute"),
    [
        ("@cf/openai/whisper", "http", 41.14),
        ("@cf/openai/whisper-large-v3-turbo", "http", 46.3636),
        ("@cf/deepgram/nova-3", "http", 472.7273),
        ("@cf/deepgram/nova-3", "websocket", 836.3636),
        ("@cf/deepgram/flux", "websocket", 700.0),
    ],
)
def test_neurons_follow_published_prices(
    model: str, transport: Transport, per_minute: float
) -> None:
    assert neurons_per_minute(model, transport) == pytest.approx(per_minute, abs=1e-3)
    assert neurons_for(model, 30.0, transport) == pytest.approx(per_minute / 2, abs=1e-3)


def test_neuron_header_text() -> None:
    assert format_neurons(0.0) == "0"
    assert format_neurons(2.5) == "2.5"


def test_neurons_are_accounted_per_account(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip") as emu:
        response = post(emu, WHISPER, content=weather_wav)
        used = emu.context.neurons_used[emu.account_id]
    assert used == pytest.approx(float(response.headers["cf-ai-neurons"]), rel=1e-4)
    assert used > 0
