"""The gateway's connection-guard refusals in OpenAI's error shape (see `connection_guard`).

openai-python picks its exception from the status and reads `error.message`; a 503 carries
`Retry-After`, which it honours before retrying.
"""

from __future__ import annotations

import json

from .body_limit import too_large
from .errors import OpenAIError
from .guard_settings import ErrorAnswer

__all__ = ["CONNECTIONS_RETRY_AFTER_S", "OpenAIGuardAnswers"]

CONNECTIONS_RETRY_AFTER_S = 1
"""What a client refused for too many open connections waits: connections are short."""


def _answer(error: OpenAIError) -> ErrorAnswer:
    return ErrorAnswer(error.status, json.dumps(error.body()).encode(), error.headers)


class OpenAIGuardAnswers:
    """`connection_guard.GuardAnswers` for the gateway."""

    def too_many_connections(self, limit: int) -> ErrorAnswer:
        return _answer(
            OpenAIError(
                503,
                f"The server is overloaded: over {limit} open connections. Retry shortly.",
                code="too_many_connections",
                headers={"Retry-After": str(CONNECTIONS_RETRY_AFTER_S)},
            )
        )

    def request_line_too_long(self, limit: int) -> ErrorAnswer:
        return _answer(
            OpenAIError(414, f"The request line is longer than {limit} bytes.", code="uri_too_long")
        )

    def headers_too_large(self, limit: int, count: int) -> ErrorAnswer:
        return _answer(
            OpenAIError(
                431,
                f"The request headers are larger than {limit} bytes or {count} lines.",
                code="headers_too_large",
            )
        )

    def malformed_request(self, problem: str) -> ErrorAnswer:
        return _answer(OpenAIError(400, f"The request is malformed: {problem}."))

    def request_timeout(self, what: str, seconds: float) -> ErrorAnswer:
        return _answer(
            OpenAIError(
                408, f"Request timeout: {what} (limit {seconds:g} s).", code="request_timeout"
            )
        )

    def body_too_large(self, limit: int) -> ErrorAnswer:
        return _answer(too_large(limit))

    def handshake_refused(self, status: int, problem: str) -> ErrorAnswer:
        return _answer(OpenAIError(status, f"The WebSocket upgrade was refused: {problem}"))

    def server_error(self, status: int) -> ErrorAnswer:
        headers = {"Retry-After": str(CONNECTIONS_RETRY_AFTER_S)} if status == 503 else None
        return _answer(OpenAIError(status, "The server could not answer.", headers=headers))
