"""A keyless gateway serves programs on its own machine, not web pages (issue 29, item 6).

Before: a cross-site form POST and a request with a foreign `Host` (DNS rebinding) both got
200, so any page a user visited could spend their Workers AI account through the gateway.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager

import httpx
import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_openai import GatewayConfig
from cfasr_openai.testing import GatewayHandle, run_gateway


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as emu:
        yield emu


def gateway(emu: EmulatorHandle, key: str | None) -> AbstractContextManager[GatewayHandle]:
    return run_gateway(
        GatewayConfig(api_key=key),
        api_token=emu.token,
        account_id=emu.account_id,
        base_url=emu.base_url,
    )


FOREIGN = [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Host": "rebound.evil.example"},
]


@pytest.mark.parametrize("headers", FOREIGN, ids=lambda h: next(iter(h)))
def test_a_keyless_gateway_refuses_requests_from_other_sites(
    emulator: EmulatorHandle, headers: dict[str, str]
) -> None:
    with gateway(emulator, None) as gw, WEATHER.path.open("rb") as audio:
        models = httpx.get(f"{gw.base_url}/models", headers=headers)
        form = httpx.post(
            f"{gw.base_url}/audio/transcriptions",
            files={"file": ("a.wav", audio, "audio/wav")},
            data={"model": "whisper-1"},
            headers=headers,
        )
    for response in (models, form):
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "foreign_request"


def test_programs_on_the_machine_and_pages_of_the_machine_are_served(
    emulator: EmulatorHandle,
) -> None:
    with gateway(emulator, None) as gw:
        assert httpx.get(f"{gw.base_url}/models").status_code == 200
        local = {"Origin": f"http://localhost:{gw.port}", "Sec-Fetch-Site": "same-origin"}
        assert httpx.get(f"{gw.base_url}/models", headers=local).status_code == 200


def test_a_gateway_with_a_key_relies_on_the_key(emulator: EmulatorHandle) -> None:
    with gateway(emulator, "k") as gw:
        headers = {"Origin": "https://app.example", "Authorization": "Bearer k"}
        assert httpx.get(f"{gw.base_url}/models", headers=headers).status_code == 200
