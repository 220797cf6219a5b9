"""A client-side token bucket so bursts stay under Workers AI's per-account rate limit.

The default (720 requests per minute) is Cloudflare's limit for speech recognition. Limiters
are shared per account id by default, so several clients for one account share one budget;
pass your own `RateLimiter` to change the rate or share it differently.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

__all__ = ["DEFAULT_REQUESTS_PER_MINUTE", "RateLimiter", "shared_rate_limiter"]

DEFAULT_REQUESTS_PER_MINUTE = 720.0


class RateLimiter:
    """Token bucket: `requests_per_minute` sustained, bursts up to `burst` (default: 1/12 of a
    minute's worth). Thread-safe; usable from sync and async code at the same time."""

    def __init__(
        self,
        requests_per_minute: float = DEFAULT_REQUESTS_PER_MINUTE,
        *,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not requests_per_minute > 0:
            raise ValueError("requests_per_minute must be positive")
        self.rate = requests_per_minute / 60.0
        self.capacity = burst if burst is not None else max(1.0, requests_per_minute / 12.0)
        self._clock = clock
        self._tokens = self.capacity
        self._updated = clock()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take one token now and return how many seconds the caller must wait before using it."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            self._tokens -= 1.0
            if self._tokens >= 0:
                return 0.0
            return -self._tokens / self.rate

    def acquire(self, sleep: Callable[[float], None] = time.sleep) -> None:
        """Block until a request may be sent."""
        wait = self.reserve()
        if wait > 0:
            sleep(wait)

    async def acquire_async(self) -> None:
        """Wait (without blocking the event loop) until a request may be sent."""
        wait = self.reserve()
        if wait > 0:
            await asyncio.sleep(wait)


_shared: dict[str, RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_rate_limiter(account_id: str) -> RateLimiter:
    """The process-wide default limiter for one account."""
    with _shared_lock:
        limiter = _shared.get(account_id.lower())
        if limiter is None:
            limiter = _shared[account_id.lower()] = RateLimiter()
        return limiter
