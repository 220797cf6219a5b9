"""`python -m cfasr_openai` serves the gateway with only the `openai-gateway` extra's modules:
its flags are `GatewayConfig`'s (as `cfasr gateway`'s are), Cloudflare's settings come from
the environment, and nothing of the command line (typer, rich, cfasr_cli) is needed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_openai.conftest import GATEWAY_KEY


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def module_gateway(
    speech_emulator: EmulatorHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    env.update(
        CLOUDFLARE_API_TOKEN=speech_emulator.token,
        CLOUDFLARE_ACCOUNT_ID=speech_emulator.account_id,
        CLOUDFLARE_BASE_URL=speech_emulator.base_url,
        CFASR_GATEWAY_API_KEY=GATEWAY_KEY,
    )
    log = tmp_path_factory.mktemp("gateway") / "stderr.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "cfasr_openai", "--port", str(port), "--log-level", "warning"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        base_url = f"http://127.0.0.1:{port}/v1"
        try:
            for _ in range(1200):
                if process.poll() is not None:
                    pytest.fail(f"python -m cfasr_openai exited: {Path(log).read_text()}")
                try:
                    httpx.get(f"{base_url}/models", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_the_module_serves_the_gateway_with_the_key_from_the_environment(
    module_gateway: str,
) -> None:
    refused = httpx.get(f"{module_gateway}/models", timeout=30)
    assert refused.status_code == 401
    client = openai.OpenAI(base_url=module_gateway, api_key=GATEWAY_KEY, max_retries=0)
    with WEATHER.path.open("rb") as audio:
        text = client.audio.transcriptions.create(model="whisper-1", file=audio).text
    assert text.strip() == WEATHER.text


def test_the_module_takes_the_gateway_configs_flags() -> None:
    helped = subprocess.run(
        [sys.executable, "-m", "cfasr_openai", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for name in ("--port", "--api-key", "--requests-per-minute", "--realtime-idle-timeout"):
        assert name in helped.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "cfasr_openai", "--api-key", ""],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2
    assert "--api-key is empty" in refused.stderr
