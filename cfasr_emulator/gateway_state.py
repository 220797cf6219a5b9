"""What the emulated AI Gateway remembers: its response cache and its request log.

Both live in memory for the life of the emulator, per emulator (nothing is shared between
processes). The cache is off unless ``ServerConfig.gateway_cache`` is set, because
Cloudflare's gateway caches only text and image responses (openapi.yaml's `cf-aig-skip-cache`),
so a live speech answer is never a HIT; turning it on lets a test see its cache handling.
"""

from __future__ import annotations

import collections
import hashlib
import threading
import time
from collections.abc import Callable, Iterable

import attrs
from cfasr_client.contract import EMULATOR_LIMITS

__all__ = ["CachedAnswer", "GatewayLogEntry", "GatewayState", "cache_key"]


def _entries(name: str) -> int:
    value = EMULATOR_LIMITS[name].value
    assert isinstance(value, int), (name, value)  # a count in openapi.yaml
    return value


_MAX_CACHED = _entries("gateway_cache_entries")
"""Answers kept; the oldest is dropped first (openapi.yaml's x-cfasr-emulator-limits)."""
_MAX_LOGGED = _entries("gateway_log_entries")
"""Log entries kept; the oldest is dropped first."""


@attrs.frozen
class CachedAnswer:
    """One stored answer: replayed as it was, with `cf-aig-cache-status: HIT`."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    expires: float | None
    """`time.monotonic()` after which it is stale; None: kept until dropped for room."""


@attrs.frozen
class GatewayLogEntry:
    """What the gateway logged for one request (not logged with `cf-aig-collect-log: false`)."""

    log_id: str
    gateway_id: str
    model: str
    status: int
    cache_status: str
    attempts: int
    metadata: object | None
    """`cf-aig-metadata`, parsed from JSON (the text itself when it is not JSON)."""
    event_id: str | None


def cache_key(parts: Iterable[bytes]) -> str:
    """A digest of the request's parts (path, options, content type, body)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@attrs.define
class GatewayState:
    """The cache and the log of one emulator's gateway routes (thread-safe: tests read them)."""

    clock: Callable[[], float] = time.monotonic
    _cache: collections.OrderedDict[str, CachedAnswer] = attrs.field(
        factory=collections.OrderedDict
    )
    _log: collections.deque[GatewayLogEntry] = attrs.field(
        factory=lambda: collections.deque(maxlen=_MAX_LOGGED)
    )
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def cached(self, key: str) -> CachedAnswer | None:
        with self._lock:
            answer = self._cache.get(key)
            if answer is not None and answer.expires is not None and self.clock() >= answer.expires:
                del self._cache[key]
                return None
            return answer

    def store(self, key: str, answer: CachedAnswer) -> None:
        with self._lock:
            self._cache[key] = answer
            self._cache.move_to_end(key)
            while len(self._cache) > _MAX_CACHED:
                self._cache.popitem(last=False)

    def expiry(self, ttl_s: int | None) -> float | None:
        return None if ttl_s is None else self.clock() + ttl_s

    def record(self, entry: GatewayLogEntry) -> None:
        with self._lock:
            self._log.append(entry)

    def log(self) -> list[GatewayLogEntry]:
        """The logged requests, oldest first."""
        with self._lock:
            return list(self._log)
