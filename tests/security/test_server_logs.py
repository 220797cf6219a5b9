"""The emulator's own log never shows a credential, at any level: uvicorn's trace of every
ASGI scope and websockets' debug lines of every handshake header included."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID
from tests.support.raw_http import HANG_BOUND_S

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "cfasr-log-token-4b1d9e77c0a2"
API_KEY = "cfasr-log-key-8e6a0f35d91c"
SUBPROTOCOL_TOKEN = "cfasr-log-subprotocol-2c7e91"
QUERY_TOKEN = "cfasr-log-query-6d03f4"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _upgrade(port: int, path: str, credential: str) -> bytes:
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{credential}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=HANG_BOUND_S) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096)


@pytest.mark.parametrize("level", ["debug", "trace"])
def test_the_server_log_shows_no_credential(level: str) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "cfasr_emulator", "--port", str(port), "--engine", "skip"]
    server = subprocess.Popen(
        [*command, "--log-level", level],
        cwd=ROOT,
        env={**os.environ, "CFASR_EMULATOR_TOKEN": TOKEN},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run"
    try:
        deadline = time.monotonic() + HANG_BOUND_S
        while True:
            try:
                httpx.post(
                    f"{base}/@cf/openai/whisper", headers={"Authorization": f"Bearer {TOKEN}"}
                )
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)
        path = (
            f"/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/@cf/deepgram/flux"
            "?encoding=linear16&sample_rate=16000"
        )
        assert _upgrade(port, path, f"Authorization: Bearer {TOKEN}").startswith(b"HTTP/1.1 101")
        _upgrade(port, path, f"X-Auth-Key: {API_KEY}\r\nX-Auth-Email: a@example.com")
        httpx.post(f"{base}/@cf/openai/whisper", headers={"X-Auth-Key": API_KEY})
        # Browser clients pass the token as a subprotocol, or in the query string.
        _upgrade(port, path, f"Sec-WebSocket-Protocol: token, {SUBPROTOCOL_TOKEN}")
        httpx.post(f"{base}/@cf/openai/whisper?token={QUERY_TOKEN}&tags=x")
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=HANG_BOUND_S)
    assert "authorization" in output.lower(), "the headers were not logged, so nothing was tested"
    assert TOKEN not in output
    assert TOKEN[5:15] not in output
    assert API_KEY not in output
    assert SUBPROTOCOL_TOKEN not in output
    assert QUERY_TOKEN not in output
