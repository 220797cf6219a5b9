"""The Starlette application: REST routes, the WebSocket routes, envelopes for every refusal."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from cfasr_openai.app import close_client

from . import error_envelope, log_redaction, status
from .ai_gateway import AiGatewayRoutes
from .config import ServerConfig
from .context import EmulatorContext
from .engine import Engine
from .openai_routes import openai_mount
from .rest.routes import routes as rest_routes
from .ws import websocket_routes

logger = logging.getLogger("cfasr_emulator")


class _RefusedHandshakeNoise(logging.Filter):
    """Drop uvicorn's ERROR line after a deliberate WebSocket refusal.

    A refused handshake is answered with Cloudflare's HTTP error envelope
    (`send_denial_response`); uvicorn's sans-I/O implementation still logs that "the ASGI
    callable returned without completing handshake", which reads like a server fault."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "without completing handshake" not in record.getMessage()


_HANDSHAKE_FILTER = _RefusedHandshakeNoise()


async def _http_exception(request: Request, exc: Exception) -> Response:
    del request
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 405:
        error = error_envelope.method_not_allowed()
    elif status == 404:
        error = error_envelope.no_route()
    else:
        error = error_envelope.server_error(500 if status >= 500 else status)
    return error.to_response(EmulatorContext.new_request_id())


async def _unexpected(request: Request, exc: Exception) -> Response:
    logger.exception("unexpected error serving %s", request.url.path, exc_info=exc)
    return error_envelope.server_error(500).to_response(EmulatorContext.new_request_id())


def create_app(config: ServerConfig | None = None, *, engine: Engine | None = None) -> Starlette:
    """Build the emulator app; serve it with uvicorn (see ``python -m cfasr_emulator``).

    ``engine`` lets several apps (e.g. test servers) share models that are already loaded.
    """
    ctx = EmulatorContext.create(config or ServerConfig(), engine=engine)
    logging.getLogger("uvicorn.error").addFilter(_HANDSHAKE_FILTER)
    log_redaction.install()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        del app
        ctx.shutdown = asyncio.Event()
        ctx.grace_over = asyncio.Event()
        ctx.loop = asyncio.get_running_loop()
        if ctx.config.preload:
            await asyncio.to_thread(ctx.engine.preload)
        try:
            yield
        finally:
            ctx.shutdown.set()
            ctx.grace_over.set()
            await ctx.batches.aclose()
            await close_client(openai.app)  # type: ignore[arg-type]

    app = Starlette(
        routes=[*websocket_routes(ctx), *rest_routes(ctx), *status.routes(ctx)],
        exception_handlers={HTTPException: _http_exception, Exception: _unexpected},
        lifespan=lifespan,
    )
    # OpenAI's audio API (cfasr_openai), forwarding into this app: see openai_routes.
    openai = openai_mount(app, ctx.config)
    app.router.routes.append(openai)
    # AI Gateway's paths for Workers AI, answered by the routes above: see ai_gateway.
    app.add_middleware(AiGatewayRoutes, ctx=ctx)
    app.state.ctx = ctx
    # Starlette answers a trailing slash with a 307 to whatever the Host header says: an
    # open redirect for a server on loopback. Cloudflare's paths have no trailing slash.
    app.router.redirect_slashes = False
    return app
