"""When to retry and how long to wait — pure decisions shared by both clients.

Retried: connection errors, 408, 409, 429 and 5xx. The wait is exactly what the server's
`Retry-After` asks for when it sent one (on any of those statuses, not only 429), otherwise
exponential backoff (0.5 s doubling up to 8 s) with jitter. A `Retry-After` longer than
`max_retry_after` (60 s by default) is not waited for: the error is raised at once, carrying
`retry_after`, so the caller decides rather than a call hanging for minutes. Never retried:
3036, the daily free allocation, which only resets at midnight UTC.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable

import attrs

from cfasr_ext._errors import (
    APIConnectionError,
    APIStatusError,
    CfasrError,
    ErrorCode,
)

__all__ = ["RetryPolicy"]

RETRYABLE_STATUSES = frozenset({408, 409, 429})


@attrs.frozen
class RetryPolicy:
    """Backoff shape. `max_retries` lives in Settings; this only says how long to wait.

    `random` (a float in [0, 1)) drives the jitter; `sleep` and `async_sleep` do the waiting
    for `Client` and `AsyncClient`. Replace them to make retries deterministic in tests."""

    initial_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.25  # fraction of the delay removed at random, so clients spread out
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for; the error is raised
    random: Callable[[], float] = attrs.field(default=random.random, eq=False, repr=False)
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, eq=False, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = attrs.field(
        default=asyncio.sleep, eq=False, repr=False
    )

    def is_retryable(self, error: CfasrError) -> bool:
        if isinstance(error, APIConnectionError):
            return True
        if not isinstance(error, APIStatusError) or error.status_code is None:
            return False
        if any(item.code == ErrorCode.ACCOUNT_LIMITED for item in error.errors):
            return False
        return error.status_code in RETRYABLE_STATUSES or error.status_code >= 500

    def delay(self, retry_number: int, error: CfasrError) -> float | None:
        """Seconds to wait before retry `retry_number` (1-based); None means do not retry."""
        retry_after = error.retry_after if isinstance(error, APIStatusError) else None
        if retry_after is not None:
            if retry_after > self.max_retry_after:
                return None
            return float(retry_after)
        base = min(self.max_delay, self.initial_delay * 2 ** (retry_number - 1))
        return float(base * (1 - self.jitter * self.random()))
