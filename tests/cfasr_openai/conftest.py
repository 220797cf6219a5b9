"""Both OpenAI-compatible servers, driven by the real `openai` package.

`openai_server` is parametrised: the emulator's own `/v1` routes, and `cfasr gateway`'s app
running in front of that emulator (a real uvicorn server on 127.0.0.1 each). The emulator
recognises speech for real, authenticates strictly and has fault injection on, so a test can
make Workers AI answer 429 and see what an OpenAI client gets.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import openai
import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_openai import GatewayConfig
from cfasr_openai.testing import GatewayHandle, run_gateway
from tests.support.emulators import TOKEN, install_faults, suite_emulator

GATEWAY_KEY = "gateway-caller-key-3b1d"  # what callers of the gateway present


@attrs.frozen
class OpenAIServer:
    """One server under test: its `/v1` URL, the key it takes, and the emulator behind it."""

    name: str
    base_url: str
    api_key: str
    emulator: EmulatorHandle

    def client(self, **kwargs: object) -> openai.OpenAI:
        options: dict[str, object] = {"max_retries": 0, "timeout": 120.0}
        options.update(kwargs)
        return openai.OpenAI(base_url=self.base_url, api_key=self.api_key, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def speech_emulator(cfasr_emulator: EmulatorHandle) -> Iterator[EmulatorHandle]:
    """A strict, fault-injecting emulator sharing the session emulator's loaded models."""
    with suite_emulator(engine_mode="real", engine=cfasr_emulator.context.engine) as emu:
        yield emu


def gateway_in_front_of(emu: EmulatorHandle, **config: object) -> Iterator[GatewayHandle]:
    with run_gateway(
        GatewayConfig(api_key=GATEWAY_KEY, **config),  # type: ignore[arg-type]
        api_token=emu.token,
        account_id=emu.account_id,
        base_url=emu.base_url,
    ) as gateway:
        yield gateway


@pytest.fixture(scope="session")
def gateway(speech_emulator: EmulatorHandle) -> Iterator[GatewayHandle]:
    yield from gateway_in_front_of(speech_emulator)


@pytest.fixture(params=["emulator", "gateway"])
def openai_server(
    request: pytest.FixtureRequest, speech_emulator: EmulatorHandle
) -> Iterator[OpenAIServer]:
    install_faults(speech_emulator)  # no fault left over from another test
    if request.param == "emulator":
        yield OpenAIServer(
            "emulator", f"http://127.0.0.1:{speech_emulator.port}/v1", TOKEN, speech_emulator
        )
    else:
        gateway: GatewayHandle = request.getfixturevalue("gateway")
        yield OpenAIServer("gateway", gateway.base_url, GATEWAY_KEY, speech_emulator)
    install_faults(speech_emulator)
