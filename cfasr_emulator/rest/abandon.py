"""Notice a REST client that leaves while its request is being recognised.

Starlette does not cancel a handler when its client disconnects, so a client that timed out
left the engine decoding its request for minutes, and later calls got 429 behind it (issue
29, item 8). Once the body is read, the only message the connection can still bring is
``http.disconnect``; :func:`watch_disconnect` waits for it and sets the request's
``threading.Event``, which :func:`client_gone` hands to the engine admission
(``recognise.py``): queued work is dropped, running work stops at its next decoder step
(``engine/deadline.py``).

The event travels in a context variable, as a batch item's background flag does, so the
handlers in between need no new parameter; a batch item runs in its batch's task, outside
any request, and sees no event (a batch outlives the POST that queued it).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import AsyncIterator

from starlette.requests import Request

__all__ = ["client_gone", "watch_disconnect"]

_GONE: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar(
    "cfasr_rest_client_gone", default=None
)


def client_gone() -> threading.Event | None:
    """The running request's "client disconnected" event (None outside a REST request)."""
    return _GONE.get()


async def _wait_for_disconnect(request: Request, gone: threading.Event) -> None:
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return


@contextlib.asynccontextmanager
async def watch_disconnect(request: Request) -> AsyncIterator[threading.Event]:
    """For the block (entered once the body has been read): set the yielded event when the
    client disconnects. Work started in the block sees it through :func:`client_gone`."""
    gone = threading.Event()
    token = _GONE.set(gone)
    watcher = asyncio.create_task(_wait_for_disconnect(request, gone))
    try:
        yield gone
    finally:
        watcher.cancel()
        _GONE.reset(token)
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
