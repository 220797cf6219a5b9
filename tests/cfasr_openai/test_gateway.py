"""What only `cfasr gateway` does: its own caller key, its body limit while reading, keeping
the Cloudflare token to itself, and the command that starts it."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import httpx
import openai
import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle
from cfasr_openai import GatewayConfig
from cfasr_openai.testing import GatewayHandle, run_gateway
from tests.cfasr_openai.conftest import GATEWAY_KEY, gateway_in_front_of
from tests.support.emulators import TOKEN


def test_a_wrong_key_is_401(gateway: GatewayHandle) -> None:
    client = openai.OpenAI(base_url=gateway.base_url, api_key="not-the-key", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as caught:
        client.models.list()
    assert caught.value.code == "invalid_api_key"


def test_no_key_is_401(gateway: GatewayHandle) -> None:
    response = httpx.get(f"{gateway.base_url}/models")
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_the_right_key_opens_every_route(gateway: GatewayHandle) -> None:
    client = openai.OpenAI(base_url=gateway.base_url, api_key=GATEWAY_KEY, max_retries=0)
    assert client.models.list().data


def test_an_unknown_route_is_an_openai_404(gateway: GatewayHandle) -> None:
    response = httpx.get(f"http://{gateway.host}:{gateway.port}/v1/chat/completions")
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"message", "type", "param", "code"}


@pytest.fixture
def small_gateway(speech_emulator: EmulatorHandle) -> Iterator[GatewayHandle]:
    yield from gateway_in_front_of(speech_emulator, max_body_bytes=64 * 1024)


def test_a_chunked_body_past_the_limit_is_413_while_read(small_gateway: GatewayHandle) -> None:
    """No Content-Length to refuse up front: the body is counted as it arrives."""
    boundary = "cfasr-boundary"

    def body() -> Iterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n'
            "Content-Type: audio/wav\r\n\r\n"
        ).encode()
        yield b"RIFF\x00\x00\x00\x00WAVE"
        for _ in range(32):
            yield bytes(8 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    response = httpx.post(
        f"{small_gateway.base_url}/audio/transcriptions",
        content=body(),
        headers={
            "Authorization": f"Bearer {GATEWAY_KEY}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"


def test_a_body_under_the_limit_is_served(small_gateway: GatewayHandle) -> None:
    client = openai.OpenAI(base_url=small_gateway.base_url, api_key=GATEWAY_KEY, max_retries=0)
    head = WEATHER.path.read_bytes()[: 60 * 1024]  # the first ~1.9 s of the sample
    result = client.audio.transcriptions.create(
        file=("short.wav", head, "audio/wav"), model="whisper-tiny-en"
    )
    assert isinstance(result.text, str)


REJECTED_TOKEN = "cloudflare-token-that-must-not-leak-7e21"


def test_rejected_cloudflare_credentials_are_a_502_that_never_shows_the_token(
    speech_emulator: EmulatorHandle, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with (
        run_gateway(
            GatewayConfig(),
            api_token=REJECTED_TOKEN,
            account_id=speech_emulator.account_id,
            base_url=speech_emulator.base_url,
        ) as gateway,
        WEATHER.path.open("rb") as audio,
    ):
        raw = httpx.post(
            f"{gateway.base_url}/audio/transcriptions",
            files={"file": ("a.wav", audio, "audio/wav")},
            data={"model": "whisper-1"},
        )
    assert raw.status_code == 502
    assert raw.json()["error"]["code"] == "upstream_authentication_failed"
    assert REJECTED_TOKEN not in raw.text
    assert REJECTED_TOKEN not in str(raw.headers)
    assert REJECTED_TOKEN not in caplog.text
    assert TOKEN not in caplog.text


def test_the_gateway_repr_hides_its_key() -> None:
    assert "secret-key" not in repr(GatewayConfig(api_key="secret-key"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_cfasr_gateway_command_serves_openai_clients(speech_emulator: EmulatorHandle) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "CLOUDFLARE_API_TOKEN": speech_emulator.token,
        "CLOUDFLARE_ACCOUNT_ID": speech_emulator.account_id,
        "CLOUDFLARE_BASE_URL": speech_emulator.base_url,
        "CFASR_GATEWAY_API_KEY": GATEWAY_KEY,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "cfasr_cli", "gateway", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        client = openai.OpenAI(
            base_url=f"http://127.0.0.1:{port}/v1", api_key=GATEWAY_KEY, max_retries=8
        )  # openai-python's retries wait for the server to come up
        with WEATHER.path.open("rb") as audio:
            result = client.audio.transcriptions.create(file=audio, model="whisper-tiny-en")
        assert "weather" in result.text.lower()
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert f"cfasr gateway on http://127.0.0.1:{port}/v1" in stderr
    assert speech_emulator.token not in stderr
