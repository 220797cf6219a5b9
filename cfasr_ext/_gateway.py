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
from cfasr_client.contract import GATEWAY_HEADERS, OptionProblem

from cfasr_ext._errors import OptionError

__all__ = ["GatewayOptions"]

Backoff = Literal["constant", "linear", "exponential"]

# Each checked field and the header that carries it: the header's range or values come from
# openapi.yaml (through the generated contract), never typed here.
_CHECKED = {
    "cache_ttl": "cf-aig-cache-ttl",
    "request_timeout_ms": "cf-aig-request-timeout",
    "max_attempts": "cf-aig-max-attempts",
    "retry_delay_ms": "cf-aig-retry-delay",
    "backoff": "cf-aig-backoff",
}


def _check(field: str, value: object) -> None:
    if value is None:
        return
    header = GATEWAY_HEADERS[_CHECKED[field]]
    try:
        header.check(value)
    except OptionProblem as problem:
        raise OptionError(f"{field} ({header.name}): {problem.message}") from None


@attrs.frozen(kw_only=True)
class GatewayOptions:
    """Per-request AI Gateway settings; pass as `Client(gateway_options=...)`.

    Times: `cache_ttl` in seconds, `request_timeout_ms` and `retry_delay_ms` in
    milliseconds. Each is checked against the header's range in openapi.yaml (from Cloudflare's
    AI Gateway docs: `cache_ttl` 60 s to one month, `max_attempts` at most 5, `retry_delay_ms`
    at most 5000; none for `request_timeout_ms`); a value out of range raises `OptionError`
    when the options are built."""

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
        for field in _CHECKED:
            _check(field, getattr(self, field))

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
