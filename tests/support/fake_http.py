"""One small real HTTP server on 127.0.0.1 for tests that must see exactly what went over the
wire (method, path, query, headers, body) without the emulator in the way.

Replies come from `script` in order, then `default`; a step of `DROP` closes the socket
without answering (a connection reset as the client sees it). Hostile steps hold the
connection instead of answering: `STALL` answers nothing at all, `Stall(after_bytes=N)` sends
the headers and N bytes of a longer body and then nothing, and `TRICKLE` sends a status line
and headers one byte every `TRICKLE_INTERVAL_S` without ever finishing them. They hold it
until the client leaves or the server stops. Chunked request bodies are
decoded, so what `requests` records is what the client meant to send.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs

__all__ = [
    "DROP",
    "STALL",
    "TRICKLE",
    "RecordedRequest",
    "Scripted",
    "ScriptedServer",
    "Stall",
    "scripted_server",
]

DROP = "drop"
STALL = "stall"
TRICKLE = "trickle"
TRICKLE_INTERVAL_S = 0.05


@attrs.frozen
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    header_lines: tuple[tuple[str, str], ...] = ()
    """Every header line as it arrived, repeats included (`headers` keeps the last of each)."""


@attrs.define
class Scripted:
    status: int = 200
    # One reply every model parses: whisper's required `text` beside nova-3's `results`.
    body: Any = attrs.field(
        factory=lambda: {"result": {"text": "ok", "results": {"channels": []}}, "success": True}
    )
    headers: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Stall:
    """A 200 whose headers promise a body of ``after_bytes`` + 1000 bytes; only
    ``after_bytes`` of it are ever sent."""

    after_bytes: int = 10


@attrs.define
class ScriptedServer:
    base_url: str = ""
    requests: list[RecordedRequest] = attrs.field(factory=list)
    script: list[Scripted | Stall | str] = attrs.field(factory=list)
    default: Scripted = attrs.field(factory=Scripted)
    hostile: Stall | str | None = None
    """When set (``STALL``, ``TRICKLE``, a ``Stall``), every unscripted request gets it."""
    released: threading.Event = attrs.field(factory=threading.Event)
    """Set when the server stops: hostile steps let go of their connections."""

    def envelope(self, result: Any, **headers: str) -> None:
        """Answer every unscripted request with `result` in Cloudflare's success envelope."""
        self.default = Scripted(
            body={"result": result, "success": True, "errors": []}, headers=headers
        )


def _read_chunked(handler: BaseHTTPRequestHandler) -> bytes:
    chunks: list[bytes] = []
    while True:
        size = int(handler.rfile.readline().strip(), 16)
        if size == 0:
            handler.rfile.readline()
            return b"".join(chunks)
        chunks.append(handler.rfile.read(size))
        handler.rfile.readline()


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    state = ScriptedServer()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = _read_chunked(self)
            else:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                state.requests.append(
                    RecordedRequest(
                        method=self.command,
                        path=self.path,
                        headers={k.lower(): v for k, v in self.headers.items()},
                        body=body,
                        header_lines=tuple(self.headers.items()),
                    )
                )
                step = state.script.pop(0) if state.script else state.hostile or state.default
            if step == DROP:
                self.close_connection = True
                self.connection.close()
                return
            if step in (STALL, TRICKLE) or isinstance(step, Stall):
                self._hold(step)
                return
            assert isinstance(step, Scripted)
            payload = step.body if isinstance(step.body, bytes) else json.dumps(step.body).encode()
            self.send_response(step.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in step.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        def _hold(self, step: Stall | str) -> None:
            """Keep the client waiting until it leaves or the server stops."""
            self.close_connection = True
            try:
                if isinstance(step, Stall):
                    self.wfile.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + f"Content-Length: {step.after_bytes + 1000}\r\n\r\n".encode()
                        + b'{"result":'
                        + b" " * max(0, step.after_bytes - 10)
                    )
                    self.wfile.flush()
                elif step == TRICKLE:
                    head = b"HTTP/1.1 200 OK\r\nX-Trickle: " + b"a" * 1_000_000
                    for byte in head:
                        if state.released.wait(TRICKLE_INTERVAL_S):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                state.released.wait()
            except OSError:
                return  # the client gave up: what a hostile server waits for

        do_GET = do_POST = _handle

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/client/v4"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.released.set()
        server.shutdown()
        server.server_close()
