"""One small real HTTP server on 127.0.0.1 for tests that must see exactly what went over the
wire (method, path, query, headers, body) without the emulator in the way.

Replies come from `script` in order, then `default`; a step of `DROP` closes the socket
without answering (a connection reset as the client sees it). Chunked request bodies are
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

__all__ = ["DROP", "RecordedRequest", "Scripted", "ScriptedServer", "scripted_server"]

DROP = "drop"


@attrs.frozen
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@attrs.define
class Scripted:
    status: int = 200
    body: Any = attrs.field(factory=lambda: {"result": {"text": "ok"}, "success": True})
    headers: dict[str, str] = attrs.field(factory=dict)


@attrs.define
class ScriptedServer:
    base_url: str = ""
    requests: list[RecordedRequest] = attrs.field(factory=list)
    script: list[Scripted | str] = attrs.field(factory=list)
    default: Scripted = attrs.field(factory=Scripted)

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
                    )
                )
                step = state.script.pop(0) if state.script else state.default
            if step == DROP:
                self.close_connection = True
                self.connection.close()
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
        server.shutdown()
        server.server_close()
