"""Cloudflare's error envelope, with the codes, statuses and wording the real API uses.

Every refusal the emulator makes is an :class:`ApiError`; handlers raise it and the app turns
it into ``{"errors": [...], "success": false, "result": ..., "messages": []}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs
from starlette.responses import Response

REQUEST_ID_HEADER = "cf-ai-req-id"
NEURONS_HEADER = "cf-ai-neurons"


@attrs.frozen
class ErrorEntry:
    """One ``errors[]`` item; ``chain`` becomes ``error_chain``."""

    code: int
    message: str
    chain: tuple[ErrorEntry, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.chain:
            out["error_chain"] = [c.to_dict() for c in self.chain]
        return out


class ApiError(Exception):
    """A refusal in Cloudflare's form. ``result`` is ``{}`` for model errors, None for API ones."""

    def __init__(
        self,
        status: int,
        *entries: ErrorEntry,
        result: dict[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if not entries:
            raise ValueError("an ApiError needs at least one error entry")
        super().__init__(f"{status} {entries[0].code}: {entries[0].message}")
        self.status = status
        self.entries = entries
        self.result = result
        self.headers = dict(headers or {})

    @property
    def code(self) -> int:
        return self.entries[0].code

    @property
    def message(self) -> str:
        return self.entries[0].message

    def body(self) -> dict[str, Any]:
        return {
            "errors": [e.to_dict() for e in self.entries],
            "success": False,
            "result": self.result,
            "messages": [],
        }

    def to_response(self, request_id: str | None = None) -> Response:
        headers = dict(self.headers)
        if request_id is not None:
            headers[REQUEST_ID_HEADER] = request_id
        return Response(
            json.dumps(self.body()).encode(),
            status_code=self.status,
            headers=headers,
            media_type="application/json",
        )


def _model_error(status: int, code: int, message: str, **kw: Any) -> ApiError:
    return ApiError(status, ErrorEntry(code, message), result={}, **kw)


def _api_error(status: int, *entries: ErrorEntry, **kw: Any) -> ApiError:
    return ApiError(status, *entries, result=None, **kw)


def bad_input(complaint: str, request_id: str) -> ApiError:
    """400 / 5006, worded like Workers AI's JSON-schema refusals."""
    return _model_error(400, 5006, f"AiError: Bad input: Error: {complaint} ({request_id})")


def invalid_data(complaint: str, request_id: str) -> ApiError:
    """400 / 5004: the input has the right type but cannot be read (e.g. broken base64)."""
    return _model_error(400, 5004, f"AiError: Invalid data: {complaint} ({request_id})")


def no_such_model(model: str) -> ApiError:
    """400 / 5007: a well-formed id that names no model (or no ASR model) we serve."""
    return _model_error(400, 5007, f"No such model {model} or task")


def invalid_model_id(model: str) -> ApiError:
    """404 / 3042: the id is not of the ``@cf/<author>/<name>`` form at all."""
    return _model_error(404, 3042, f"Invalid model ID: {model!r}")


def request_too_large(limit: int | None) -> ApiError:
    """413 / 3006; `limit` None when the size limit is not the reason (an injected fault)."""
    detail = "" if limit is None else f": the body is over the limit of {limit} bytes"
    return _model_error(413, 3006, f"Request is too large{detail}")


def audio_too_long(limit_s: float, request_id: str) -> ApiError:
    """413 / 3006: the body is small enough but decodes to more audio than the emulator takes."""
    return _model_error(
        413,
        3006,
        f"Request is too large: the audio is longer than the limit of {limit_s:g} seconds; "
        f"send it in shorter pieces ({request_id})",
    )


CAPACITY_RETRY_AFTER_S = 1
"""Retry-After on the emulator's own capacity refusals: a queue slot frees within seconds."""


def out_of_capacity(retry_after: int | None = CAPACITY_RETRY_AFTER_S) -> ApiError:
    """429 / 3040. The emulator's own refusals carry Retry-After, like its rate limiter's;
    an injected ``3040`` fault passes None to imitate a service that sends none."""
    headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
    return _model_error(
        429, 3040, "Capacity temporarily exceeded, please try again.", headers=headers
    )


def account_limited() -> ApiError:
    """429 / 3036: the daily free allocation is used up; retrying today will not help."""
    return _model_error(
        429,
        3036,
        "You have used up your daily free allocation of 10,000 neurons, "
        "please upgrade to Cloudflare's Workers Paid plan if you would like to continue "
        "usage.",
    )


def rate_limited(retry_after: int, per_minute: int) -> ApiError:
    """429 / 3040 with Retry-After: over the per-account requests-per-minute limit."""
    return _model_error(
        429,
        3040,
        f"Capacity temporarily exceeded, please try again. "
        f"(rate limit: {per_minute} requests per minute per account)",
        headers={"Retry-After": str(retry_after)},
    )


def inference_timeout(detail: str | None = None) -> ApiError:
    """408 / 3007, ``openapi.yaml``'s "Inference timed out"; ``detail`` says why, when the
    emulator's own engine deadline (not an injected fault) ended the request."""
    return _model_error(408, 3007, "Request timeout" + ("" if detail is None else f": {detail}"))


ABORTED = 3008
OUT_OF_CAPACITY = 3040
TIMEOUT = 3007
SERVER_ERRORS: Mapping[int, tuple[int, str]] = {
    500: (ABORTED, "Internal server error: the request was aborted"),
    502: (ABORTED, "Bad gateway: the request was aborted"),
    503: (OUT_OF_CAPACITY, "Service unavailable: capacity temporarily exceeded"),
    504: (TIMEOUT, "Gateway timeout: the request timed out"),
}
"""Status → (code, message) of the emulator's 5xx answers. Workers AI's published error
table gives no code for a 5xx status, so each takes the table's code nearest in meaning:
no capacity (3040) for 503, timeout (3007) for 504, aborted (3008) for every other."""


def server_error(status: int = 500) -> ApiError:
    """5xx with a code from Workers AI's error table (see ``SERVER_ERRORS``); clients see a
    retryable failure."""
    code, message = SERVER_ERRORS.get(status, SERVER_ERRORS[500])
    return _model_error(status, code, message)


def authentication_error(status: int = 401) -> ApiError:
    """401 / 10000. Cloudflare uses 401 or 403; the emulator answers 401 unless a fault asks
    for 403."""
    return _api_error(status, ErrorEntry(10000, "Authentication error"))


def invalid_header(chain_code: int, chain_message: str) -> ApiError:
    """400 / 6003 "Invalid request headers" with the specific cause in ``error_chain``."""
    return _api_error(
        400,
        ErrorEntry(6003, "Invalid request headers", (ErrorEntry(chain_code, chain_message),)),
    )


def invalid_authorization_header() -> ApiError:
    return invalid_header(6111, "Invalid format for Authorization header")


def unroutable_account(path: str) -> ApiError:
    """400 / 7003 (+ 7000), Cloudflare's answer to an account id that is not 32 hex digits."""
    return _api_error(
        400,
        ErrorEntry(7003, f"Could not route to {path}, perhaps your object identifier is invalid?"),
        ErrorEntry(7000, "No route for that URI"),
    )


def no_route() -> ApiError:
    return _api_error(404, ErrorEntry(7000, "No route for that URI"))


def method_not_allowed() -> ApiError:
    return _api_error(405, ErrorEntry(7001, "Method not allowed"))


def websocket_required(model: str) -> ApiError:
    return _api_error(
        400,
        ErrorEntry(
            3003,
            f"{model} over GET is a WebSocket endpoint: send an 'Upgrade: websocket' "
            "request, or POST the audio instead",
        ),
    )


def too_many_sessions(limit: int) -> ApiError:
    return _model_error(
        429,
        3040,
        f"Capacity temporarily exceeded, please try again. "
        f"(at most {limit} concurrent WebSocket sessions)",
        headers={"Retry-After": str(CAPACITY_RETRY_AFTER_S)},
    )


def _request_problem(status: int, problem: str) -> ApiError:
    return _api_error(
        status, ErrorEntry(6003, "Invalid request headers", (ErrorEntry(6100, problem),))
    )


def request_line_too_long(limit: int) -> ApiError:
    """414: the request line (mostly the query string) is over ``limit`` bytes."""
    return _request_problem(
        414,
        f"URI too long: the request line is over the limit of {limit} bytes; send fewer or "
        "shorter query parameters (e.g. keyterm)",
    )


def headers_too_large(limit: int, count: int) -> ApiError:
    """431: the header block is over ``limit`` bytes or has more than ``count`` lines."""
    return _request_problem(
        431,
        f"Request header fields too large: over {limit} bytes or more than {count} headers",
    )


def malformed_request(problem: str) -> ApiError:
    """400 for a request HTTP itself cannot parse (uvicorn's own refusals, in our envelope)."""
    return _request_problem(400, f"Invalid HTTP request: {problem}")


def handshake_refused(status: int, problem: str) -> ApiError:
    """websockets' own refusal of a broken upgrade (no key, wrong version...), in the envelope."""
    return _request_problem(status, f"Invalid WebSocket handshake: {problem}")


def foreign_origin(origin: str) -> ApiError:
    """403: a browser page from ``origin`` may not open a WebSocket to this emulator."""
    return _request_problem(
        403,
        f"Origin {origin!r} is not allowed: only loopback pages and clients without an "
        "Origin header may open WebSockets here (start the emulator with "
        "--allow-origin ORIGIN to allow it)",
    )


def request_timeout(what: str, seconds: float) -> ApiError:
    """408 / 3007 for a client too slow to send its request; the connection is closed."""
    return _api_error(
        408,
        ErrorEntry(3007, f"Request timeout: {what} (limit {seconds:g} s)"),
        headers={"Connection": "close"},
    )


def too_many_connections(limit: int) -> ApiError:
    """503 / 3040 beyond ``max_connections`` open connections."""
    return _api_error(
        503,
        ErrorEntry(OUT_OF_CAPACITY, f"Service unavailable: over {limit} open connections"),
        headers={"Retry-After": str(CAPACITY_RETRY_AFTER_S)},
    )


def shutting_down() -> ApiError:
    """503 / 3040 for a request still running when the server's shutdown grace ends: retry,
    on this server once it is back or on another one."""
    return _api_error(
        503,
        ErrorEntry(
            OUT_OF_CAPACITY,
            "Service unavailable: the server is shutting down and could not finish this "
            "request in time; retry it",
        ),
        headers={"Retry-After": str(CAPACITY_RETRY_AFTER_S)},
    )


def upgrade_refused(status: int) -> ApiError:
    """An injected WebSocket handshake refusal, with the envelope that status usually has."""
    if status == 401:
        return authentication_error()
    if status == 429:
        return out_of_capacity(None)
    if status >= 500:
        return server_error(status)
    return _api_error(status, ErrorEntry(3003, "WebSocket upgrade refused (emulator fault)"))
