"""The gateway's rate limiter answers 429 with Retry-After instead of queueing callers
without bound (issue 29, item 7): before, callers past the limit all waited (the next real
one for 117 s) and every call was forwarded and billed, even those whose caller had left."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_ext._ratelimit import RateLimiter
from cfasr_openai import GatewayConfig
from cfasr_openai.testing import run_gateway


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as emu:
        yield emu


def transcribe(base_url: str) -> httpx.Response:
    with WEATHER.path.open("rb") as audio:
        return httpx.post(
            f"{base_url}/audio/transcriptions",
            files={"file": ("a.wav", audio, "audio/wav")},
            data={"model": "whisper-1"},
            timeout=30,
        )


def test_a_caller_past_the_limit_gets_429_with_retry_after(emulator: EmulatorHandle) -> None:
    config = GatewayConfig(rate_limiter=RateLimiter(1, burst=1), max_wait_s=2.0)
    with run_gateway(
        config, api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as gateway:
        first = transcribe(gateway.base_url)
        second = transcribe(gateway.base_url)
    assert first.status_code == 200, first.text
    assert second.status_code == 429, second.text
    assert second.json()["error"]["code"] == "rate_limit_exceeded"
    retry_after = int(second.headers["retry-after"])
    assert 1 <= retry_after <= 60  # one request a minute: the slot frees within the minute


def test_a_caller_within_the_wait_is_served_after_its_turn(emulator: EmulatorHandle) -> None:
    config = GatewayConfig(rate_limiter=RateLimiter(120, burst=1), max_wait_s=2.0)
    with run_gateway(
        config, api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as gateway:
        statuses = [transcribe(gateway.base_url).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]  # 0.5 s apart: each waits its turn, none is refused
