"""Whether the request loop retries a 429 itself or leaves it to a long recording's pacing.

The request loop (`_http.BaseClient.retry_delay`) retries a 429 itself, after its
Retry-After, in the slot the piece holds. For one request that is right; for a long
recording sent as many pieces at once it keeps the concurrency that caused the 429 (issue 29,
item 8: the retries met 429s again and the whole job failed). So inside
`rate_limits_left_to_caller()` a 429 is raised at once to the long-audio path, which halves
its concurrency and queues the piece again (`_long_audio`). A context variable, like
`_progress.retries_reported_to`, so concurrent pieces (threads or tasks) each have their own.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

__all__ = ["rate_limits_left_to_caller", "rate_limits_paced_by_caller"]

_PACED: contextvars.ContextVar[bool] = contextvars.ContextVar("cfasr_piece_pacing", default=False)


def rate_limits_paced_by_caller() -> bool:
    """True inside `rate_limits_left_to_caller`: a 429 is raised, not retried in place."""
    return _PACED.get()


@contextlib.contextmanager
def rate_limits_left_to_caller() -> Iterator[None]:
    """Requests made in the block (this thread or task) raise a 429 at once."""
    token = _PACED.set(True)
    try:
        yield
    finally:
        _PACED.reset(token)
