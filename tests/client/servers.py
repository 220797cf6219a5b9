"""Small real HTTP servers on 127.0.0.1 for the client tests: a scripted one whose replies
are consumed in order (including "drop": close the socket without answering)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import attrs

from tests.recording_server import RecordedRequest

DROP = "drop"


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
        self.default = Scripted(
            body={"result": result, "success": True, "errors": []}, headers=headers
        )


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    state = ScriptedServer()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = self._read_chunked()
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

        def _read_chunked(self) -> bytes:
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()

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
