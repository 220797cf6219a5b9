"""When and how often a dropped stream reconnects: the policy users tune and the decision
made after each failure, kept apart from the socket loop so both read on their own."""

from __future__ import annotations

import attrs

from cfasr_ext._errors import CfasrError
from cfasr_ext._retry import RetryPolicy

__all__ = ["ReconnectPolicy", "reconnect_delay"]


@attrs.frozen(kw_only=True)
class ReconnectPolicy:
    """How a session recovers from a dropped connection mid-stream.

    Up to `max_attempts` new connections per incident, waiting `backoff` seconds doubled each
    attempt (at most `max_backoff`), or the `Retry-After` of a refused handshake. A refusal
    the REST client would not retry (401, 403, 3036 daily allocation...) ends the stream.
    Up to `max_resend_seconds` of audio not yet covered by a final result is kept for
    resending; beyond that the oldest is dropped (no longer lossless).
    """

    max_attempts: int = attrs.field(default=5, validator=attrs.validators.ge(1))
    backoff: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_backoff: float = attrs.field(default=8.0, validator=attrs.validators.ge(0))
    max_resend_seconds: float = attrs.field(default=120.0, validator=attrs.validators.gt(0))

    def delay(self, attempt: int) -> float:
        """Seconds to wait before attempt number `attempt` (from 1)."""
        return float(min(self.max_backoff, self.backoff * 2 ** (attempt - 1)))


_HANDSHAKE_RETRY = RetryPolicy()


def reconnect_delay(error: CfasrError, backoff: float) -> float | None:
    """Seconds to wait before the next reconnect after `error`, or None to give up. Refused
    handshakes are judged as the REST client judges a response (3036, the daily allocation,
    is final); a `Retry-After` is waited for exactly, unless it is longer than the REST
    client would wait."""
    if not _HANDSHAKE_RETRY.is_retryable(error):
        return None
    retry_after: float | None = getattr(error, "retry_after", None)
    if retry_after is None:
        return backoff
    if retry_after > _HANDSHAKE_RETRY.max_retry_after:
        return None
    return float(retry_after)
