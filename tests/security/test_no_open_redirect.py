"""A trailing slash is not redirected to whatever the Host header says (issue 29, item 12).

Starlette's default answers `/v1/models/` with a 307 to `http://<Host>/v1/models`: a page
that can reach a server on loopback could bounce a client anywhere. Both servers answer
404 instead, as Cloudflare's paths have no trailing slash.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_openai import GatewayConfig
from cfasr_openai.testing import run_gateway

PATHS = ["/v1/models/", "/v1/audio/transcriptions/"]


def no_redirect(base: str, path: str) -> None:
    for method in ("GET", "POST"):
        response = httpx.request(method, base + path, headers={"Host": "evil.example"})
        assert response.status_code not in (301, 302, 307, 308), response.headers
        assert "location" not in response.headers


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as emu:
        yield emu


@pytest.mark.parametrize("path", PATHS)
def test_the_emulator_does_not_redirect_a_trailing_slash(
    emulator: EmulatorHandle, path: str
) -> None:
    no_redirect(f"http://127.0.0.1:{emulator.port}", path)


@pytest.mark.parametrize("path", PATHS)
def test_the_gateway_does_not_redirect_a_trailing_slash(
    emulator: EmulatorHandle, path: str
) -> None:
    with run_gateway(
        GatewayConfig(api_key="k"),
        api_token=emulator.token,
        account_id=emulator.account_id,
        base_url=emulator.base_url,
    ) as gateway:
        no_redirect(f"http://{gateway.host}:{gateway.port}", path)
