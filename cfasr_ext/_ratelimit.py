"""A client-side limiter so requests stay under Workers AI's per-account rate limit.

Cloudflare allows 720 speech-recognition requests per minute per account (openapi.yaml's
`x-cfasr-service-limits`, read here from the generated contract), and the emulator
counts them the same way: in a sliding one-minute window. The limiter therefore keeps a log of
recent send times and guarantees at most `requests_per_minute` sends in ANY 60-second window.
A token bucket alone cannot, since its burst and its refill add up (60 + 720 = 780 in the
first minute), so here the bucket only paces requests under the log's hard cap. Limiters are
shared per account id by default, so several clients for one account share one budget; pass
your own `RateLimiter` to change the rate or share it differently.
"""

from __future__ import annotations

import asyncio
import collections
import math
import threading
import time
from collections.abc import Awaitable, Callable

from cfasr_client.contract import SERVICE_LIMITS

__all__ = ["DEFAULT_REQUESTS_PER_MINUTE", "RateLimiter", "shared_rate_limiter"]

DEFAULT_REQUESTS_PER_MINUTE = float(SERVICE_LIMITS["requests_per_minute"].value)
MINUTE = 60.0


class _Window:
    """At most `limit` send times in any half-open window of `seconds` (a sliding log)."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        # Only the last `limit` times can hold a new send back; older ones are dropped.
        self._times: collections.deque[float] = collections.deque(maxlen=limit)

    def earliest(self, now: float) -> float:
        """The first time at or after `now` when one more send stays within the limit."""
        while self._times and self._times[0] + self.seconds <= now:
            self._times.popleft()
        if len(self._times) < self.limit:
            return now
        return max(now, self._times[0] + self.seconds)

    def record(self, when: float) -> None:
        self._times.append(when)

    def used(self, now: float) -> int:
        return sum(1 for when in self._times if when + self.seconds > now)


class RateLimiter:
    """At most `requests_per_minute` requests in any 60-second window, exactly.

    Within that cap requests are paced: `burst` at once (default: a twelfth of the minute, 60
    of 720), then one every `60 / requests_per_minute` seconds, so a greedy caller spreads its
    budget over the minute and still gets all of it. Thread-safe; usable from sync and async
    code at the same time; `clock` is for tests. A slot is taken when its wait is handed out,
    so a caller that gives up wastes it rather than over-sending. Send times are measured
    here: uneven network delays can still let the server count one more in its own window,
    and that rare 429 is retried like any other."""

    def __init__(
        self,
        requests_per_minute: float = DEFAULT_REQUESTS_PER_MINUTE,
        *,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 1 <= requests_per_minute < math.inf:
            raise ValueError("requests_per_minute must be a finite number, at least 1")
        per_minute = math.floor(requests_per_minute)
        if burst is None:
            burst = max(1, per_minute // 12)
        if isinstance(burst, bool) or not isinstance(burst, int) or burst < 1:
            raise ValueError("burst must be a positive whole number of requests")
        self.requests_per_minute = requests_per_minute
        self.burst = min(burst, per_minute)
        self._window = _Window(per_minute, MINUTE)
        # Pacing is a virtual-scheduling token bucket (GCRA): the time the next request would
        # be due at the sustained rate, which may run `burst - 1` intervals ahead of the clock.
        self._interval = MINUTE / requests_per_minute
        self._tolerance = (self.burst - 1) * self._interval
        self._due = -math.inf
        self._last = -math.inf
        self._clock = clock
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RateLimiter({self.requests_per_minute:g}, burst={self.burst})"

    def reserve(self) -> float:
        """Take the next free slot and return how many seconds the caller must wait for it."""
        wait = self.reserve_within(math.inf)
        assert wait is not None
        return wait

    def reserve_within(self, max_wait: float) -> float | None:
        """Take the next free slot if it is at most ``max_wait`` seconds away and return the
        wait; else take nothing and return ``None`` (a server answers 429 instead of queueing
        callers without bound)."""
        with self._lock:
            now = self._clock()
            when = self._next_free(now)
            if when - now > max_wait:
                return None
            self._window.record(when)
            self._due = max(self._due, when) + self._interval
            self._last = when
            return when - now

    def next_free_in(self) -> float:
        """Seconds until a slot would be free (0: now), without taking one."""
        with self._lock:
            now = self._clock()
            return self._next_free(now) - now

    def _next_free(self, now: float) -> float:
        return max(now, self._last, self._due - self._tolerance, self._window.earliest(now))

    def used(self) -> int:
        """Requests sent (or reserved) in the last 60 seconds, counted against the limit."""
        with self._lock:
            return self._window.used(self._clock())

    def acquire(self, sleep: Callable[[float], None] = time.sleep) -> None:
        """Block until a request may be sent."""
        wait = self.reserve()
        if wait > 0:
            sleep(wait)

    async def acquire_async(
        self, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    ) -> None:
        """Wait (without blocking the event loop) until a request may be sent."""
        wait = self.reserve()
        if wait > 0:
            await sleep(wait)


_shared: dict[str, RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_rate_limiter(account_id: str) -> RateLimiter:
    """The process-wide default limiter for one account (account ids compare case-blind)."""
    with _shared_lock:
        limiter = _shared.get(account_id.lower())
        if limiter is None:
            limiter = _shared[account_id.lower()] = RateLimiter()
        return limiter
