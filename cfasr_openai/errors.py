"""OpenAI's error shape, `{"error": {"message", "type", "param", "code"}}`, for every refusal.

openai-python picks its exception class from the status alone (400 `BadRequestError`, 404
`NotFoundError`, 413, 429 `RateLimitError`...), so each refusal keeps the status OpenAI would
send; Workers AI's own statuses pass through, and so does its `Retry-After`.
"""

from __future__ import annotations

import math

from starlette.responses import JSONResponse

from cfasr_ext import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AudioInputError,
    AuthenticationError,
    CfasrError,
    OptionError,
    PermissionDeniedError,
    UnsupportedOperationError,
)

__all__ = ["OpenAIError", "from_cfasr_error"]

_TYPE_BY_STATUS = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    404: "invalid_request_error",
    405: "invalid_request_error",
    413: "invalid_request_error",
    415: "invalid_request_error",
    422: "invalid_request_error",
    429: "requests",
}


class OpenAIError(Exception):
    """A refusal as OpenAI words it; `headers` (e.g. `Retry-After`) go with the response."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.headers = headers or {}

    @property
    def type(self) -> str:
        return _TYPE_BY_STATUS.get(self.status, "server_error")

    def body(self) -> dict[str, object]:
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }

    def to_response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def from_cfasr_error(error: CfasrError) -> OpenAIError:
    """What the SDK raised → the OpenAI error a caller of the gateway gets.

    Workers AI refusing the gateway's own credentials is the operator's problem, not the
    caller's: it becomes a 502, so an OpenAI client does not report its own key as wrong."""
    if isinstance(error, AuthenticationError | PermissionDeniedError):
        return OpenAIError(
            502,
            "Workers AI refused the gateway's Cloudflare credentials; check the gateway's "
            "CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.",
            code="upstream_authentication_failed",
        )
    if isinstance(error, APIStatusError):
        return _from_status(error)
    if isinstance(error, APITimeoutError):
        return OpenAIError(504, f"Workers AI did not answer in time: {error}", code="timeout")
    if isinstance(error, APIConnectionError):
        return OpenAIError(502, f"Workers AI could not be reached: {error}", code="bad_gateway")
    if isinstance(error, AudioInputError):
        return OpenAIError(400, str(error), param="file", code="invalid_file")
    if isinstance(error, OptionError | UnsupportedOperationError):
        return OpenAIError(400, str(error), code="invalid_value")
    return OpenAIError(500, f"the gateway failed: {error}")


def _from_status(error: APIStatusError) -> OpenAIError:
    status = error.status_code or 502
    headers: dict[str, str] = {}
    if error.retry_after is not None:
        headers["Retry-After"] = str(math.ceil(error.retry_after))
    code = "rate_limit_exceeded" if status == 429 else None
    if status >= 500:
        code = "upstream_error"
    return OpenAIError(status, f"Workers AI: {error.message}", code=code, headers=headers)
