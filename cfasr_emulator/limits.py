"""Limits the real service enforces: body size, requests per minute, concurrent sessions."""

from __future__ import annotations

import asyncio
import collections
import math
import threading
import time
from collections.abc import Callable
from types import TracebackType

from starlette.requests import Request

from . import error_envelope


async def read_body(
    request: Request,
    limit: int,
    progress_timeout_s: float,
    on_chunk: Callable[[bytes], None] | None = None,
) -> bytes:
    """Read the body, refusing with 413 / 3006 as soon as it is known to exceed ``limit``.

    A declared Content-Length over the limit is refused before a byte is read; a chunked
    body is read only up to the limit. A body that stops arriving for ``progress_timeout_s``
    gets 408 with ``Connection: close``: without it a client that declares 10 MB and stalls
    holds its connection (and a file descriptor) for as long as it likes. ``on_chunk`` sees
    each piece as it arrives (within the limit).
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise error_envelope.request_too_large(limit)
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        try:
            message = await asyncio.wait_for(request.receive(), progress_timeout_s)
        except TimeoutError:
            raise error_envelope.request_timeout(
                "the request body stopped arriving", progress_timeout_s
            ) from None
        if message["type"] == "http.disconnect":
            raise error_envelope.ApiError(
                400, error_envelope.ErrorEntry(3003, "Incomplete request: the body was cut short")
            )
        chunk = message.get("body", b"")
        more = message.get("more_body", False)
        size += len(chunk)
        if size > limit:
            raise error_envelope.request_too_large(limit)
        chunks.append(chunk)
        if on_chunk is not None and chunk:
            on_chunk(chunk)
    return b"".join(chunks)


class AccountRateLimiter:
    """Sliding one-minute window per account, like Cloudflare's per-task request limits."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, account_id: str) -> None:
        """Count one request; raise 429 with Retry-After if the account is over its limit."""
        now = self._clock()
        with self._lock:
            window = self._seen.setdefault(account_id.lower(), collections.deque())
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self.per_minute:
                retry_after = max(1, math.ceil(60.0 - (now - window[0])))
                raise error_envelope.rate_limited(retry_after, self.per_minute)
            window.append(now)


class SessionTicket:
    """One concurrent WebSocket session slot; release it (or leave the ``with``) when done."""

    def __init__(self, limiter: SessionLimiter) -> None:
        self._limiter = limiter
        self._released = False

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._limiter._release()

    def __enter__(self) -> SessionTicket:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class SessionLimiter:
    """Caps concurrent WebSocket sessions; the next one is refused with 429 / 3040."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open = 0
        self._lock = threading.Lock()

    @property
    def open_sessions(self) -> int:
        return self._open

    def acquire(self) -> SessionTicket:
        with self._lock:
            if self._open >= self.limit:
                raise error_envelope.too_many_sessions(self.limit)
            self._open += 1
        return SessionTicket(self)

    def _release(self) -> None:
        with self._lock:
            self._open -= 1
