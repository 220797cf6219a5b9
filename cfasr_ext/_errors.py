"""Every exception cfasr raises, one class per HTTP status under one base class.

Errors are built from the Cloudflare envelope (`{"success": false, "errors": [...]}`), which is
parsed leniently: codes arrive as integers on the wire but the spec types them as strings, and
some gateways or upstream failures send a bare object or plain text instead.
"""

from __future__ import annotations

import enum
import json
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from cfasr_ext.transcript import Transcript

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AudioInputError",
    "AuthenticationError",
    "BadRequestError",
    "CfasrError",
    "ConfigurationError",
    "ConflictError",
    "ErrorCode",
    "ErrorDetail",
    "InternalServerError",
    "NotFoundError",
    "OptionError",
    "PartialTranscriptError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTimeoutError",
    "RequestTooLargeError",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "error_from_response",
    "parse_retry_after",
]


class CfasrError(Exception):
    """Base class of every error cfasr raises."""


class ConfigurationError(CfasrError, ValueError):
    """A missing or invalid setting (token, account id, base URL...)."""


class AudioInputError(CfasrError, ValueError):
    """Audio that cannot be sent: missing file, directory, empty data, one-shot stream."""


class OptionError(CfasrError, ValueError):
    """A model option that is unknown, of the wrong type or outside its range."""


class UnsupportedOperationError(CfasrError):
    """The model cannot do this over this transport (e.g. flux transcribes only by streaming)."""


class PartialTranscriptError(CfasrError):
    """Some pieces of a chunked recording (`transcribe(..., chunking=True)`) still failed
    after the client's retries and the long-audio path's rounds; the others are not lost.

    `transcript` is the finished pieces stitched at their absolute times (the failed spans
    have no words), `failed` the `(start, end)` seconds of each failed piece, `errors` the
    last error of each, in the same order (the first is also `__cause__`). Send the failed
    spans again, or keep what was heard."""

    def __init__(
        self,
        message: str,
        *,
        transcript: Transcript,
        failed: tuple[tuple[float, float], ...],
        errors: tuple[CfasrError, ...],
    ) -> None:
        super().__init__(message)
        self.transcript = transcript
        self.failed = failed
        self.errors = errors


class ErrorCode(enum.IntEnum):
    """Cloudflare Workers AI error codes worth recognising without string matching."""

    INCOMPLETE_REQUEST = 3003
    REQUEST_TOO_LARGE = 3006
    TIMEOUT = 3007
    ABORTED = 3008
    ACCOUNT_BLOCKED = 3023
    ACCOUNT_LIMITED = 3036
    FINETUNE_MISSING_FILES = 3039
    OUT_OF_CAPACITY = 3040
    PRIVATE_MODEL_NOT_ALLOWED = 3041
    INVALID_MODEL_ID = 3042
    INVALID_DATA = 5004
    LORA_UNSUPPORTED = 5005
    BAD_INPUT = 5006
    NO_SUCH_MODEL = 5007
    MODEL_AGREEMENT = 5016
    PRIVATE_MODEL_ACCOUNT = 5018
    DEPRECATED_SDK = 5019
    INVALID_HEADERS = 6003
    INVALID_AUTHORIZATION_FORMAT = 6111
    AUTHENTICATION = 10000


def normalise_code(code: object) -> int | str | None:
    """Integer codes stay integers; numeric strings ("5006") become integers."""
    if code is None or isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    text = str(code).strip()
    if text.lstrip("-").isdigit():
        return int(text)
    return text or None


@attrs.frozen
class ErrorDetail:
    """One item of the envelope's `errors[]` (or of an `error_chain`)."""

    code: int | str | None
    message: str
    error_chain: tuple[ErrorDetail, ...] = ()

    @classmethod
    def from_obj(cls, obj: object) -> ErrorDetail:
        if not isinstance(obj, Mapping):
            return cls(code=None, message=str(obj))
        chain = obj.get("error_chain")
        return cls(
            code=normalise_code(obj.get("code")),
            message=str(obj.get("message") or obj.get("description") or ""),
            error_chain=tuple(cls.from_obj(item) for item in chain)
            if isinstance(chain, list)
            else (),
        )


class APIError(CfasrError):
    """An error reported by (or on the way to) the API."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        errors: tuple[ErrorDetail, ...] = (),
        body: bytes | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.errors = errors
        self.body = body

    @property
    def code(self) -> int | str | None:
        """The first error's code, an int when numeric (compare with `ErrorCode`)."""
        return self.errors[0].code if self.errors else None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, status_code={self.status_code!r}, "
            f"code={self.code!r}, request_id={self.request_id!r})"
        )


class APIStatusError(APIError):
    """The API answered with a non-success HTTP status.

    `retry_after` is the server's `Retry-After` in seconds (from delta seconds or an HTTP
    date), or None when it sent none; retries wait exactly that long when it is set."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        errors: tuple[ErrorDetail, ...] = (),
        body: bytes | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message, status_code=status_code, request_id=request_id, errors=errors, body=body
        )
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    """HTTP 400: the request was rejected (bad input 5006, invalid data 5004, ...)."""


class AuthenticationError(APIStatusError):
    """HTTP 401 (or 403 with code 10000): the token or key was not accepted."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403: the credentials lack permission for this model or account."""


class NotFoundError(APIStatusError):
    """HTTP 404: unknown model id or account."""


class RequestTimeoutError(APIStatusError):
    """HTTP 408: inference timed out (3007) or was aborted (3008). Retried."""


class ConflictError(APIStatusError):
    """HTTP 409. Retried."""


class RequestTooLargeError(APIStatusError):
    """HTTP 413 (3006): the payload is over the size ceiling; split the audio."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422: an upstream model failure."""


class RateLimitError(APIStatusError):
    """HTTP 429: out of capacity (3040, retried) or daily allocation used up (3036, not)."""

    @property
    def is_daily_limit(self) -> bool:
        """True when the free daily neuron allocation is used up; retrying will not help."""
        return any(item.code == ErrorCode.ACCOUNT_LIMITED for item in self.errors)


class InternalServerError(APIStatusError):
    """HTTP 5xx. Retried."""


class APIConnectionError(APIError):
    """The request never got an HTTP answer (refused, reset, DNS...). Retried."""


class APITimeoutError(APIConnectionError):
    """No answer within the client's timeout. Retried."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import email.utils  # only a Retry-After given as a date needs it

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def _details_from_body(body: bytes) -> tuple[tuple[ErrorDetail, ...], str | None]:
    """Error items and a fallback message, from whatever the server sent."""
    try:
        payload = json.loads(body) if body else None
    except (ValueError, UnicodeDecodeError):
        text = body.decode("utf-8", "replace").strip()
        return (), text[:500] or None
    if isinstance(payload, Mapping):
        errors = payload.get("errors")
        if isinstance(errors, list) and errors:
            return tuple(ErrorDetail.from_obj(item) for item in errors), None
        # The binding's internal shape: {internalCode, message, description, ...}
        if "internalCode" in payload or "code" in payload:
            code = payload.get("internalCode", payload.get("code"))
            detail = ErrorDetail.from_obj({**payload, "code": code})
            return (detail,), None
        if isinstance(payload.get("error"), str):
            return (ErrorDetail(code=None, message=payload["error"]),), None
    return (), None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def error_from_response(
    status_code: int, body: bytes, headers: Mapping[str, str]
) -> APIStatusError:
    """The typed exception for a non-2xx reply; never raises itself."""
    errors, fallback = _details_from_body(body)
    request_id = _header(headers, "cf-ai-req-id")
    cls = _STATUS_CLASSES.get(status_code)
    if cls is None:
        cls = InternalServerError if status_code >= 500 else APIStatusError
    if status_code == 403 and any(e.code == ErrorCode.AUTHENTICATION for e in errors):
        cls = AuthenticationError
    summary = "; ".join(
        f"{e.code}: {e.message}" if e.code is not None else e.message for e in errors
    )
    message = f"HTTP {status_code}: {summary or fallback or 'no error details in the response'}"
    if request_id and request_id not in message:
        # Workers AI model errors already end with "(<request id>)": say it once.
        message += f" (request id {request_id})"
    kwargs: dict[str, Any] = {
        "status_code": status_code,
        "request_id": request_id,
        "errors": errors,
        "body": body,
        "retry_after": parse_retry_after(_header(headers, "retry-after")),
    }
    return cls(message, **kwargs)
