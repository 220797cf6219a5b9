"""``GET /_emulator/status``: what the emulator is holding right now, as JSON.

A soak (``make soak``) or a test watches a running emulator from outside its process; the
operating system tells it RSS, file descriptors and threads, but only the emulator knows
how many streaming sessions hold a slot and how deep the engine queue is. Nothing here is
secret (counts only), so the route needs no credentials, and it is outside ``/client/v4``
so it can never shadow a Cloudflare path.
"""

from __future__ import annotations

import collections
import re
import threading

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .context import EmulatorContext

STATUS_PATH = "/_emulator/status"
_THREAD_NUMBER = re.compile(r"[_-]?\d+(?: \(.*\))?$")


def python_threads() -> dict[str, int]:
    """Python threads by name without their number (``asyncio_3`` counts as ``asyncio``).

    The operating system counts every thread; only the names tell a pool that keeps its idle
    workers (asyncio's default executor, bounded) from a thread per session that should have
    ended with it."""
    names = (_THREAD_NUMBER.sub("", thread.name) for thread in threading.enumerate())
    return dict(collections.Counter(names))


def snapshot(ctx: EmulatorContext) -> dict[str, object]:
    """The counters: open WebSocket sessions, REST engine slots in use and their capacity,
    decodes waiting for their turn (REST and streams), interims dropped under overload,
    engine turns run to their end and turns abandoned by their caller (dropped or stopped),
    batches not finished yet, and Python threads by kind."""
    engine = ctx.engine
    scheduler = getattr(engine, "scheduler", None)
    return {
        "python_threads": python_threads(),
        "open_sessions": ctx.sessions.open_sessions,
        "session_limit": ctx.sessions.limit,
        "engine_in_flight": getattr(engine, "in_flight", None),
        "engine_capacity": getattr(engine, "capacity", None),
        "engine_waiting": None if scheduler is None else scheduler.waiting,
        "dropped_interims": None if scheduler is None else scheduler.dropped_interims,
        "engine_finished": None if scheduler is None else scheduler.finished,
        "engine_abandoned": None if scheduler is None else scheduler.abandoned,
        "pending_batches": ctx.batches.pending,
    }


def routes(ctx: EmulatorContext) -> list[BaseRoute]:
    async def status(request: Request) -> Response:
        del request
        return JSONResponse(snapshot(ctx), headers={"Cache-Control": "no-store"})

    return [Route(STATUS_PATH, status, methods=["GET"])]
