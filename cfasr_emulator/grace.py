"""The end of the shutdown grace period as the app sees it: answer what still runs, shortly
before uvicorn cancels it.

When the grace period (``graceful_shutdown_s``) is over, uvicorn cancels every task still
running: a REST request then got uvicorn's plain-text 500 and a traceback in the log, and a
stream was dropped (1006) without its Metadata. So the app answers first. The shared context
sets its ``grace_over`` event :func:`answer_after` seconds after the stop was asked; a REST
request still running then is cancelled here and answered 503 with Retry-After in
Cloudflare's envelope (:func:`answer_before_cancel`), and a stream sends what it has and
closes 1001 (``ws/session.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.responses import Response

from . import error_envelope

__all__ = ["ANSWER_MARGIN_S", "answer_after", "answer_before_cancel"]

ANSWER_MARGIN_S = 1.0
"""How long before the end of the grace the app answers what still runs. uvicorn's own
deadline comes at least 0.1 s later still (it waits that long after closing connections,
then rounds the grace up to whole seconds), so the answers have over a second to be
written, even on a loop slowed by decoding threads."""


def answer_after(grace_s: float) -> float:
    """Seconds after the stop was asked when ``grace_over`` is set: ``ANSWER_MARGIN_S``
    before the grace ends, but never before half of it (a short grace in tests still lets
    work finish for a while)."""
    return max(grace_s - ANSWER_MARGIN_S, grace_s / 2)


async def answer_before_cancel(
    grace_over: asyncio.Event | None,
    work: Callable[[], Awaitable[Response]],
    request_id: Callable[[], str],
) -> Response:
    """``work``'s response, unless ``grace_over`` is set first: then the work is cancelled
    (its ``finally`` blocks free what it holds) and the answer is 503 / 3040 with
    Retry-After, with a request id from ``request_id``."""
    if grace_over is None:  # Served outside uvicorn's lifespan (no shutdown to wait for).
        return await work()
    task = asyncio.ensure_future(work())
    ending = asyncio.ensure_future(grace_over.wait())
    try:
        await asyncio.wait({task, ending}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        raise
    finally:
        ending.cancel()
    if task.done():
        return task.result()
    task.cancel()
    await asyncio.wait({task})
    if not task.cancelled() and task.exception() is None:
        return task.result()  # It finished while being cancelled: its answer stands.
    return error_envelope.shutting_down().to_response(request_id())
