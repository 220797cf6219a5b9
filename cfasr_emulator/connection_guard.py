"""The emulator's side of the connection guard: its limits and Cloudflare's envelope.

The guard itself (head, body, keep-alive and handshake timeouts, head and body size caps, the
connection cap, WebSocket text caps) is :mod:`cfasr_openai.connection_guard`, shared with the
gateway; the emulator supplies its limits (``ServerConfig``, defaults from openapi.yaml's
``x-cfasr-emulator-limits``) and answers each refusal in the envelope, with a request id.
"""

from __future__ import annotations

import json

from cfasr_openai.connection_guard import GuardedH11Protocol
from cfasr_openai.connection_guard import guarded_protocols as _guarded_protocols
from cfasr_openai.connection_guard import h11_max_head_bytes as _h11_max_head_bytes
from cfasr_openai.guard_settings import ErrorAnswer
from cfasr_openai.ws_guard import GuardedWebSocketProtocol

from . import error_envelope
from .config import ServerConfig
from .context import EmulatorContext

__all__ = ["EnvelopeAnswers", "guarded_protocols", "h11_max_head_bytes"]


def _answer(error: error_envelope.ApiError) -> ErrorAnswer:
    headers = {error_envelope.REQUEST_ID_HEADER: EmulatorContext.new_request_id()}
    headers.update(error.headers)
    return ErrorAnswer(error.status, json.dumps(error.body()).encode(), headers)


class EnvelopeAnswers:
    """`cfasr_openai.connection_guard.GuardAnswers` in Cloudflare's envelope."""

    def too_many_connections(self, limit: int) -> ErrorAnswer:
        return _answer(error_envelope.too_many_connections(limit))

    def request_line_too_long(self, limit: int) -> ErrorAnswer:
        return _answer(error_envelope.request_line_too_long(limit))

    def headers_too_large(self, limit: int, count: int) -> ErrorAnswer:
        return _answer(error_envelope.headers_too_large(limit, count))

    def malformed_request(self, problem: str) -> ErrorAnswer:
        return _answer(error_envelope.malformed_request(problem))

    def request_timeout(self, what: str, seconds: float) -> ErrorAnswer:
        return _answer(error_envelope.request_timeout(what, seconds))

    def body_too_large(self, limit: int) -> ErrorAnswer:
        return _answer(error_envelope.request_too_large(limit))

    def handshake_refused(self, status: int, problem: str) -> ErrorAnswer:
        return _answer(error_envelope.handshake_refused(status, problem))

    def server_error(self, status: int) -> ErrorAnswer:
        return _answer(error_envelope.server_error(status))


def guarded_protocols(
    config: ServerConfig,
) -> tuple[type[GuardedH11Protocol], type[GuardedWebSocketProtocol]]:
    """The protocol classes for uvicorn's ``http=`` and ``ws=``, bound to ``config``."""
    return _guarded_protocols(config.guard_settings(), EnvelopeAnswers())


def h11_max_head_bytes(config: ServerConfig) -> int:
    """h11's own buffer limit, above ours so that our answer, not h11's, comes first."""
    return _h11_max_head_bytes(config.guard_settings())
