"""Raw HTTP/1.1 over a real socket, for requests no HTTP client would send.

httpx and websockets refuse to build a request line of 40 KB, raw 0xFF bytes in a URL or a
negative Content-Length, and cannot send a head one byte at a time; the connection guard's
tests need exactly those. Deadlines here are "does not hang" bounds, never measurements.
"""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Iterable
from typing import Any

import attrs

from cfasr_emulator.testing import EmulatorHandle

__all__ = ["RawAnswer", "head", "open_socket", "read_answer", "send_raw", "upgrade_head"]

HANG_BOUND_S = 30.0
"""Longer than any answer can take on a loaded machine; reaching it means a hang."""


@attrs.frozen
class RawAnswer:
    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool
    """The server closed the connection after the answer."""

    def json(self) -> Any:
        return json.loads(self.body)

    def envelope_code(self) -> int:
        """The first error code, after checking the body is Cloudflare's error envelope."""
        doc = self.json()
        assert doc["success"] is False, doc
        assert doc["result"] is None or doc["result"] == {}, doc
        assert doc["messages"] == [], doc
        assert self.headers["content-type"] == "application/json"
        code: int = doc["errors"][0]["code"]
        return code


def open_socket(emu: EmulatorHandle) -> socket.socket:
    sock = socket.create_connection((emu.host, emu.port), timeout=HANG_BOUND_S)
    sock.settimeout(HANG_BOUND_S)
    return sock


def head(emu: EmulatorHandle, target: str, method: str = "GET", **headers: str) -> bytes:
    """A request head for ``target`` (a model URL path with its query) with the token."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {emu.host}:{emu.port}"]
    lines.append(f"Authorization: Bearer {emu.token}")
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def upgrade_head(emu: EmulatorHandle, target: str, **headers: str) -> bytes:
    return head(
        emu,
        target,
        Upgrade="websocket",
        Connection="Upgrade",
        Sec_WebSocket_Key="dGhlIHNhbXBsZSBub25jZQ==",
        Sec_WebSocket_Version="13",
        **headers,
    )


def _read_until(sock: socket.socket, buffer: bytearray, marker: bytes) -> int:
    while (index := buffer.find(marker)) < 0:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"the server closed the connection; got {bytes(buffer)!r}")
        buffer += chunk
    return index


def read_answer(sock: socket.socket, *, expect_close: bool = True) -> RawAnswer:
    """Read one response; with ``expect_close``, also wait for the server to close."""
    buffer = bytearray()
    end = _read_until(sock, buffer, b"\r\n\r\n")
    status_line, *header_lines = bytes(buffer[:end]).decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = bytearray(buffer[end + 4 :])
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    closed = False
    if expect_close:
        try:
            closed = sock.recv(65536) == b""
        except ConnectionResetError:
            closed = True
    return RawAnswer(int(status_line.split()[1]), headers, bytes(body[:length]), closed)


def send_raw(
    emu: EmulatorHandle, data: bytes | Iterable[bytes], *, pause_s: float = 0.0
) -> RawAnswer:
    """Send ``data`` (pieces ``pause_s`` apart), then read the answer and the close.

    Sending stops as soon as the server has answered (or closed), as a client would.
    """
    pieces = [data] if isinstance(data, bytes) else list(data)
    with open_socket(emu) as sock:
        for index, piece in enumerate(pieces):
            if index and pause_s:
                time.sleep(pause_s)
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
        return read_answer(sock)
