"""What the connection guard enforces and how a server words its refusals: the guard's
settings and answers, apart from the protocols that enforce them.

Kept free of uvicorn, h11 and websockets, so that a server's config (the gateway's, the
emulator's) can build its ``GuardSettings`` without loading a server: ``cfasr gateway
--help`` must work with the ``cli`` extra alone.
"""

from __future__ import annotations

import http
from collections.abc import Mapping
from typing import Protocol

import attrs

__all__ = ["ErrorAnswer", "GuardAnswers", "GuardSettings"]


@attrs.frozen
class GuardSettings:
    """The guard's limits; each server builds one from its own config (and defaults)."""

    max_connections: int
    header_timeout_s: float
    body_timeout_s: float
    keep_alive_timeout_s: float
    ws_handshake_timeout_s: float
    max_request_line_bytes: int
    max_header_bytes: int
    max_header_count: int
    max_body_bytes: int
    max_ws_text_bytes: int

    @classmethod
    def of(cls, config: object) -> GuardSettings:
        """The guard's limits from a server config with fields of the same names (the
        gateway's and the emulator's), so neither lists them again."""
        return cls(**{field.name: getattr(config, field.name) for field in attrs.fields(cls)})


@attrs.frozen
class ErrorAnswer:
    """One error response the guard writes itself (below the app): always closes."""

    status: int
    body: bytes
    headers: Mapping[str, str] = attrs.field(factory=dict)

    def to_bytes(self) -> bytes:
        try:
            phrase = http.HTTPStatus(self.status).phrase
        except ValueError:
            phrase = ""
        headers = {
            "content-type": "application/json",
            "content-length": str(len(self.body)),
            "connection": "close",
            **{name.lower(): value for name, value in self.headers.items()},
        }
        head = f"HTTP/1.1 {self.status} {phrase}\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in headers.items()
        )
        return (head + "\r\n").encode("latin-1") + self.body


class GuardAnswers(Protocol):
    """The error bodies of one server, in its own shape. A 503 carries Retry-After."""

    def too_many_connections(self, limit: int) -> ErrorAnswer: ...

    def request_line_too_long(self, limit: int) -> ErrorAnswer: ...

    def headers_too_large(self, limit: int, count: int) -> ErrorAnswer: ...

    def malformed_request(self, problem: str) -> ErrorAnswer: ...

    def request_timeout(self, what: str, seconds: float) -> ErrorAnswer: ...

    def body_too_large(self, limit: int) -> ErrorAnswer: ...

    def handshake_refused(self, status: int, problem: str) -> ErrorAnswer: ...

    def server_error(self, status: int) -> ErrorAnswer: ...
