"""OpenAI's audio routes on the emulator (`/v1/...`), answered by its own engine.

The emulator mounts the gateway's app (`cfasr_openai`) with an SDK client pointed at itself,
so the translation from OpenAI's API is the same code `cfasr gateway` runs. REST calls go
in-process (`httpx.ASGITransport` into this very app: no second socket, and the emulator's
auth, limits and faults apply as to any caller); `stream=true` and `/v1/realtime` need a
WebSocket, which goes to the emulator's own port on loopback.
"""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from cfasr_ext import AsyncClient, RateLimiter
from cfasr_openai import GatewayConfig
from cfasr_openai.app import create_v1_app

from .config import ServerConfig
from .defaults import DEFAULT_ACCOUNT_ID, LENIENT_TOKEN

__all__ = ["openai_mount"]

_NO_CLIENT_LIMIT = RateLimiter(1_000_000)
"""The emulator enforces its own per-account rate; the client adds none of its own."""


def openai_mount(emulator: Starlette, config: ServerConfig) -> Mount:
    """`/v1` for `emulator`. Callers present the emulator's token (or API key) as their
    OpenAI key when it authenticates strictly, and any key otherwise."""

    def client() -> AsyncClient:
        credentials = (
            {"api_key": config.api_key, "email": config.email}
            if config.api_key is not None
            else {"api_token": config.token or LENIENT_TOKEN}
        )
        return AsyncClient(
            **credentials,
            account_id=DEFAULT_ACCOUNT_ID,
            base_url=config.base_url,
            environ={},  # the process's CLOUDFLARE_* settings are for other clients
            max_retries=0,
            rate_limiter=_NO_CLIENT_LIMIT,
            transport=httpx.ASGITransport(app=emulator),
        )

    caller_key = config.token if config.token is not None else config.api_key
    return Mount("/v1", app=create_v1_app(client, GatewayConfig(api_key=caller_key)))
