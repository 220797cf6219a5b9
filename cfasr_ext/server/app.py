"""The Starlette application: REST routes, the WebSocket routes, envelopes for every refusal."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from . import errors, rest
from .config import ServerConfig
from .context import EmulatorContext
from .engine import Engine

logger = logging.getLogger("cfasr_ext.server")


def _websocket_routes(ctx: EmulatorContext) -> Sequence[BaseRoute]:
    """Routes of ``cfasr_ext.server.ws`` when that package is installed, else none."""
    try:
        module = importlib.import_module("cfasr_ext.server.ws")
    except ModuleNotFoundError as exc:
        if exc.name == "cfasr_ext.server.ws":
            return ()
        raise
    factory = getattr(module, "websocket_routes", None)
    return () if factory is None else list(factory(ctx))


async def _http_exception(request: Request, exc: Exception) -> Response:
    del request
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        error = errors.method_not_allowed()
    elif status == 404:
        error = errors.no_route()
    else:
        error = errors.server_error(500 if status >= 500 else status)
    return error.to_response(EmulatorContext.new_request_id())


async def _unexpected(request: Request, exc: Exception) -> Response:
    logger.exception("unexpected error serving %s", request.url.path, exc_info=exc)
    return errors.server_error(500).to_response(EmulatorContext.new_request_id())


def create_app(config: ServerConfig | None = None, *, engine: Engine | None = None) -> Starlette:
    """Build the emulator app; serve it with uvicorn (see ``python -m cfasr_ext.server``).

    ``engine`` lets several apps (e.g. test servers) share models that are already loaded.
    """
    ctx = EmulatorContext.create(config or ServerConfig(), engine=engine)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        del app
        ctx.shutdown = asyncio.Event()
        if ctx.config.preload:
            await asyncio.to_thread(ctx.engine.preload)
        try:
            yield
        finally:
            ctx.shutdown.set()
            await ctx.batches.aclose()

    app = Starlette(
        routes=[*_websocket_routes(ctx), *rest.routes(ctx)],
        exception_handlers={HTTPException: _http_exception, Exception: _unexpected},
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    return app
