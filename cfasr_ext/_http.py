"""The logic both clients share: building requests, unwrapping replies, deciding retries.

Only the I/O (send, sleep) differs between `Client` and `AsyncClient`; everything here is
synchronous and free of sockets so the two cannot drift apart.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs
import httpx

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._config import Settings
from cfasr_ext._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AudioInputError,
    CfasrError,
    RateLimitError,
    error_from_response,
)
from cfasr_ext._logging import logger, redact, register_secrets
from cfasr_ext._piece_pacing import rate_limits_paced_by_caller
from cfasr_ext._progress import note_retry
from cfasr_ext._ratelimit import RateLimiter, shared_rate_limiter
from cfasr_ext._raw import RawResponse
from cfasr_ext._request_bodies import Body
from cfasr_ext._retry import RetryPolicy
from cfasr_ext._version import __version__

__all__ = ["BaseClient", "Call", "unwrap_result"]

T = TypeVar("T")

USER_AGENT = f"cfasr/{__version__}"
CONNECT_TIMEOUT = 5.0


@attrs.frozen
class Call(Generic[T]):
    """One POST, described without I/O by the model modules.

    `make_body` turns the opened audio (None when the call has no audio) into a `Body`;
    `parse` turns the unwrapped `result` JSON into the model's typed result."""

    model: str
    make_body: Callable[[Audio | None], Body]
    parse: Callable[[Any], T]
    params: tuple[tuple[str, str], ...] = ()
    audio: AudioSource | None = None
    content_type: str | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    timeout: float | None = None
    """This call's timeout in seconds in place of the client's (a long recording's piece
    gets one scaled to its audio, `cfasr_ext._long_audio.piece_timeout`)."""


def unwrap_result(status_code: int, headers: Mapping[str, str], content: bytes) -> Any:
    """The `result` of the envelope, or the bare body when a gateway dropped the envelope."""
    try:
        payload = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise APIError(
            f"HTTP {status_code}: the response is not JSON ({len(content)} bytes)",
            status_code=status_code,
            request_id=_header(headers, "cf-ai-req-id"),
            body=content,
        ) from exc
    if isinstance(payload, dict) and _is_envelope(payload):
        if payload.get("success") is False:
            raise error_from_response(status_code, content, headers)
        return payload.get("result")
    return payload


def _is_envelope(payload: dict[str, Any]) -> bool:
    keys = payload.keys()
    return ("success" in keys and ("result" in keys or "errors" in keys)) or (
        "result" in keys and "errors" in keys
    )


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _replace_headers(headers: dict[str, str], layer: Mapping[str, str]) -> None:
    """Add `layer` to `headers`, a name in it replacing any spelling of that name before
    (`x-team` replaces `X-Team`), so no header is ever sent twice."""
    if not layer:
        return
    names = {name.lower() for name in layer}
    for name in [name for name in headers if name.lower() in names]:
        del headers[name]
    headers.update(layer)


def parser_for(call: Call[T], status_code: int, headers: Mapping[str, str]) -> Callable[[bytes], T]:
    def parse(content: bytes) -> T:
        result = unwrap_result(status_code, headers, content)
        try:
            return call.parse(result)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise APIError(
                f"HTTP {status_code}: the {call.model} result has an unexpected shape ({exc!r})",
                status_code=status_code,
                request_id=_header(headers, "cf-ai-req-id"),
                body=content,
            ) from exc

    return parse


class BaseClient:
    """Settings, limiter and retry policy, plus the pure steps of one request."""

    def __init__(
        self,
        settings: Settings,
        *,
        rate_limiter: RateLimiter | None,
        retry_policy: RetryPolicy | None,
        timeout_is_ours: bool = True,
    ) -> None:
        self.settings = settings
        self._timeout_is_ours = timeout_is_ours
        self.rate_limiter = rate_limiter or shared_rate_limiter(settings.account_id)
        self.retry_policy = retry_policy or RetryPolicy()
        register_secrets(settings.secrets())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.settings!r})"

    @property
    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(
            self.settings.timeout, connect=min(CONNECT_TIMEOUT, self.settings.timeout)
        )

    def request_timeout(
        self, http_timeout: httpx.Timeout, call_timeout: float | None = None
    ) -> httpx.Timeout:
        """cfasr's timeout, unless the caller brought an httpx client and passed no `timeout=`:
        then that client's own timeout stands. A call's own `timeout` is longer than both
        only when it was scaled up for a long piece, so it replaces all but the connect timeout."""
        chosen = self.timeout if self._timeout_is_ours else http_timeout
        if call_timeout is None:
            return chosen
        return httpx.Timeout(call_timeout, connect=chosen.connect)

    def answer_seconds(self, call: Call[Any]) -> float:
        """How long one attempt of `call` may wait for its answer (`_deadline`)."""
        return self.settings.timeout if call.timeout is None else call.timeout

    def request_headers(self, call: Call[Any], body: Body) -> dict[str, str]:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        for layer in (self.settings.default_headers, call.headers, self.settings.auth_headers()):
            _replace_headers(headers, layer)
        headers["Content-Type"] = body.content_type
        if body.length is not None:
            headers["Content-Length"] = str(body.length)
        return headers

    def url_for(self, call: Call[Any]) -> httpx.URL:
        url = self.settings.model_url(call.model)
        if call.params:
            # %20 rather than "+" for spaces: Deepgram documents multi-word keyterms that way.
            url += "?" + urllib.parse.urlencode(call.params, quote_via=urllib.parse.quote)
        return httpx.URL(url)

    def connection_error(self, exc: httpx.TransportError, url: httpx.URL) -> APIConnectionError:
        where = f"{url.scheme}://{url.host}{':' + str(url.port) if url.port else ''}"
        text = redact(str(exc) or type(exc).__name__, self.settings.secrets())
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            return APITimeoutError(f"timed out connecting to {where}: {text}")
        if isinstance(exc, httpx.TimeoutException):
            # Connected, but the answer was late: "could not reach" would send the user
            # looking at the URL or the network instead of at the timeout.
            return APITimeoutError(
                f"{where} was reached but timed out: no complete answer within "
                f"{self.settings.timeout:g} s ({text})"
            )
        return APIConnectionError(f"could not reach {where}: {text}")

    def raw_response(self, call: Call[T], response: httpx.Response) -> RawResponse[T]:
        headers = dict(response.headers.items())
        return RawResponse(
            status_code=response.status_code,
            headers=headers,
            content=response.content,
            parser=parser_for(call, response.status_code, headers),
        )

    def error_for(self, response: httpx.Response) -> APIError:
        return error_from_response(response.status_code, response.content, response.headers)

    def incomplete_body(self, response: httpx.Response) -> APIConnectionError | None:
        """A 2xx JSON body that does not parse was cut short on the way; another attempt may
        get it whole, so it is reported as a (retryable) connection error."""
        if "json" not in response.headers.get("content-type", ""):
            return None
        try:
            json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            return APIConnectionError(
                f"HTTP {response.status_code}: the JSON response ended after "
                f"{len(response.content)} bytes, cut short on the way; retry the request",
                status_code=response.status_code,
                request_id=response.headers.get("cf-ai-req-id"),
                body=response.content,
            )
        return None

    def retry_delay(self, retries_done: int, error: CfasrError, audio: Audio | None) -> float:
        """Seconds to wait before the next attempt; raises `error` when it must not be retried."""
        if isinstance(error, RateLimitError) and rate_limits_paced_by_caller():
            raise error  # a long recording re-queues the piece at a lower concurrency
        retryable = self.retry_policy.is_retryable(error)
        if retryable and audio is not None and audio.started and not audio.replayable:
            if isinstance(error, APIConnectionError):
                raise AudioInputError(
                    "the upload failed part-way and this audio came from a one-shot iterator, "
                    "which cannot be replayed; pass a path, bytes or a seekable file to let "
                    f"cfasr retry. Cause: {error.message}"
                ) from error
            error.add_note("not retried: a one-shot audio iterator cannot be replayed")
            raise error
        if not retryable or retries_done >= self.settings.max_retries:
            raise error
        delay = self.retry_policy.delay(retries_done + 1, error)
        if delay is None:
            error.add_note(
                f"not retried: the server's Retry-After is over RetryPolicy.max_retry_after "
                f"({self.retry_policy.max_retry_after:g} s); see the error's retry_after"
            )
            raise error
        logger.info("retrying in %.2f s after: %s", delay, error)
        note_retry()
        return delay

    def log_attempt(self, url: httpx.URL, started: float, response: httpx.Response | None) -> None:
        elapsed_ms = (time.monotonic() - started) * 1000
        shown = redact(str(url.copy_with(query=None)), self.settings.secrets())
        if response is None:
            logger.info("POST %s failed after %.0f ms", shown, elapsed_ms)
            return
        logger.info(
            "POST %s -> %d in %.0f ms (request id %s)",
            shown,
            response.status_code,
            elapsed_ms,
            response.headers.get("cf-ai-req-id"),
        )
