"""Issue 29 item 5: the gateway (`serve_gateway` in its own process) has the emulator's
connection guard: slow or silent clients are closed, excess connections get 503 with
Retry-After, a declared-oversize body gets its 413 at once, and an early 400 is read by the
client instead of a reset. Timeouts here are a few seconds so that a hang shows as a
failure; the sockets' own bound (raw_http.HANG_BOUND_S) is far longer than any of them."""

from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import attrs
import pytest

from tests.support.raw_http import HANG_BOUND_S, RawAnswer, read_answer

_MAX_CONNECTIONS = 6
_TIMEOUT_S = 1.0
_LIMITS = {
    "header_timeout_s": _TIMEOUT_S,
    "body_timeout_s": _TIMEOUT_S,
    "keep_alive_timeout_s": _TIMEOUT_S,
    "max_connections": _MAX_CONNECTIONS,
    "max_body_bytes": 1024 * 1024,
}
_SERVE = """
import json, sys
from cfasr_openai.config import GatewayConfig
from cfasr_openai.serving import serve_gateway
config = GatewayConfig(host="127.0.0.1", port=0, **json.loads(sys.argv[1]))
sys.exit(serve_gateway(config, base_url="http://127.0.0.1:9/client/v4", account_id="0" * 32))
"""
_LISTENING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@attrs.frozen
class Gateway:
    port: int
    log: list[str]

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=HANG_BOUND_S)
        sock.settimeout(HANG_BOUND_S)
        return sock


@pytest.fixture(scope="module")
def gateway() -> Iterator[Gateway]:
    env = {**os.environ, "CLOUDFLARE_API_TOKEN": "test-token-not-used"}
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVE, json.dumps(_LIMITS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert process.stderr is not None
    log: list[str] = []
    port: list[int] = []
    started = threading.Event()

    def read_log() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            log.append(line)
            found = _LISTENING.search(line)
            if found:
                port.append(int(found.group(1)))
                started.set()
        started.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        assert started.wait(HANG_BOUND_S), "".join(log)
        assert port, "".join(log)
        yield Gateway(port[0], log)
    finally:
        process.terminate()
        process.wait(HANG_BOUND_S)


def _head(method: str, target: str, **headers: str) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _answer_to(gateway: Gateway, *pieces: bytes) -> RawAnswer:
    """Send ``pieces`` (stopping once the server has answered), then read the answer."""
    with gateway.connect() as sock:
        for piece in pieces:
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
        return read_answer(sock)


def _openai_error(answer: RawAnswer) -> dict[str, object]:
    assert answer.headers["content-type"] == "application/json"
    error: dict[str, object] = answer.json()["error"]
    assert isinstance(error["message"], str)
    assert error["message"]
    return error


def test_a_half_sent_head_is_answered_408_and_closed(gateway: Gateway) -> None:
    answer = _answer_to(gateway, b"POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    assert answer.status == 408
    assert answer.closed
    _openai_error(answer)


def test_a_silent_connection_is_answered_408_and_closed(gateway: Gateway) -> None:
    answer = _answer_to(gateway)
    assert answer.status == 408
    assert answer.closed


def test_a_stalled_body_is_answered_408_and_closed(gateway: Gateway) -> None:
    head = _head(
        "POST",
        "/v1/audio/transcriptions",
        Content_Type="multipart/form-data; boundary=x",
        Content_Length="1000",
    )
    answer = _answer_to(gateway, head + b"--x\r\n")
    assert answer.status == 408
    assert answer.closed
    _openai_error(answer)


def test_an_idle_keep_alive_connection_is_closed(gateway: Gateway) -> None:
    with gateway.connect() as sock:
        sock.sendall(_head("GET", "/v1/models"))
        first = read_answer(sock, expect_close=False)
        assert first.status == 200
        assert sock.recv(1) == b""  # Closed by the server, not by the hang bound.


def test_a_declared_oversize_body_that_never_comes_gets_413_at_once(gateway: Gateway) -> None:
    head = _head(
        "POST",
        "/v1/audio/transcriptions",
        Content_Type="multipart/form-data; boundary=x",
        Content_Length=str(10 * 1024**3),
    )
    answer = _answer_to(gateway, head)
    assert answer.status == 413
    assert _openai_error(answer)["code"] == "file_too_large"


@pytest.mark.parametrize(
    ("content_type", "code"),
    [
        ("application/octet-stream", "invalid_content_type"),
        ("multipart/form-data; boundary=x", None),  # not multipart inside: a parse error
    ],
)
@pytest.mark.parametrize("connection", ["keep-alive", "close"])
def test_an_early_400_is_read_by_the_client_not_reset(
    gateway: Gateway, content_type: str, code: str | None, connection: str
) -> None:
    size = 900 * 1024
    head = _head(
        "POST",
        "/v1/audio/transcriptions",
        Content_Type=content_type,
        Content_Length=str(size),
        Connection=connection,
    )
    chunk = b"\0" * 65536
    pieces = [head] + [chunk] * (size // len(chunk)) + [b"\0" * (size % len(chunk))]
    answer = _answer_to(gateway, *pieces)
    assert answer.status == 400
    assert _openai_error(answer)["code"] == code


def test_connections_over_the_cap_get_503_with_retry_after(gateway: Gateway) -> None:
    held = [gateway.connect() for _ in range(_MAX_CONNECTIONS)]
    try:
        with gateway.connect() as extra:
            answer = read_answer(extra)
        assert answer.status == 503
        assert int(answer.headers["retry-after"]) > 0
        _openai_error(answer)
    finally:
        for sock in held:
            sock.close()
    assert not any("Too many open files" in line for line in gateway.log)


def test_a_websocket_outliving_the_body_timeout_gets_no_http_written_into_it(
    gateway: Gateway,
) -> None:
    # h11 still counts an upgraded request's (empty) body as unread: a body clock left
    # running wrote "HTTP/1.1 408" into open sessions, which clients read as a broken frame.
    head = _head(
        "GET",
        "/v1/realtime?intent=transcription",
        Upgrade="websocket",
        Connection="Upgrade",
        Sec_WebSocket_Key="dGhlIHNhbXBsZSBub25jZQ==",
        Sec_WebSocket_Version="13",
    )
    with gateway.connect() as sock:
        sock.sendall(head)
        received = bytearray()
        while b"\r\n\r\n" not in received:
            received += sock.recv(65536)
        assert received.startswith(b"HTTP/1.1 101")
        received = received[received.index(b"\r\n\r\n") + 4 :]
        sock.settimeout(3 * _TIMEOUT_S)
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            pass  # Still open and quiet: the guard wrote nothing.
    assert b"HTTP/1.1" not in received
