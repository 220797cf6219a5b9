"""AI Gateway request options, typed, turned into the `cf-aig-*` headers the gateway reads.

Over REST the gateway takes its per-request settings only as headers (options put in a body
were ignored until Cloudflare forwarded them as headers), so that is all this produces. ASR
responses are not cached by the gateway (it caches text and image responses only), but the
cache headers are still accepted and passed on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Literal

import attrs

from cfasr_ext._errors import OptionError

__all__ = ["GatewayOptions"]

Backoff = Literal["constant", "linear", "exponential"]
_MONTH_SECONDS = 30 * 24 * 3600


def _in_range(name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise OptionError(f"{name} must be between {low} and {high}, got {value}.")


@attrs.frozen(kw_only=True)
class GatewayOptions:
    """Per-request AI Gateway settings; pass as `Client(gateway_options=...)`.

    Times: `cache_ttl` in seconds (60 s to one month), `request_timeout_ms` and
    `retry_delay_ms` (at most 5000) in milliseconds; `max_attempts` 1-5. Values out of range
    raise `OptionError` when the options are built."""

    skip_cache: bool | None = None
    cache_ttl: int | None = None
    cache_key: str | None = None
    collect_log: bool | None = None
    request_timeout_ms: int | None = None
    max_attempts: int | None = None
    retry_delay_ms: int | None = None
    backoff: Backoff | None = None
    metadata: Mapping[str, str | int | float | bool] | None = None
    event_id: str | None = None

    def __attrs_post_init__(self) -> None:
        _in_range("cache_ttl", self.cache_ttl, 60, _MONTH_SECONDS)
        _in_range("request_timeout_ms", self.request_timeout_ms, 1, 24 * 3600 * 1000)
        _in_range("max_attempts", self.max_attempts, 1, 5)
        _in_range("retry_delay_ms", self.retry_delay_ms, 0, 5000)
        if self.backoff is not None and self.backoff not in ("constant", "linear", "exponential"):
            raise OptionError(
                f"backoff must be 'constant', 'linear' or 'exponential', got {self.backoff!r}."
            )

    def to_headers(self) -> dict[str, str]:
        """The `cf-aig-*` headers for the options that are set."""
        values: dict[str, object] = {
            "cf-aig-skip-cache": self.skip_cache,
            "cf-aig-cache-ttl": self.cache_ttl,
            "cf-aig-cache-key": self.cache_key,
            "cf-aig-collect-log": self.collect_log,
            "cf-aig-request-timeout": self.request_timeout_ms,
            "cf-aig-max-attempts": self.max_attempts,
            "cf-aig-retry-delay": self.retry_delay_ms,
            "cf-aig-backoff": self.backoff,
            "cf-aig-metadata": json.dumps(dict(self.metadata)) if self.metadata else None,
            "cf-aig-event-id": self.event_id,
        }
        return {
            name: (str(value).lower() if isinstance(value, bool) else str(value))
            for name, value in values.items()
            if value is not None
        }
