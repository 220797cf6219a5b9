"""`cfasr gateway`: serve the OpenAI-compatible app with uvicorn until interrupted.

The SDK client is built before listening, from the environment (`CLOUDFLARE_API_TOKEN`,
`CLOUDFLARE_ACCOUNT_ID`, `CLOUDFLARE_BASE_URL`, AI Gateway variables) and the command's
flags, so a missing credential fails at start rather than on the first caller. It retries
nothing by default: OpenAI clients retry 429s and 5xx themselves (honouring `Retry-After`),
and two layers of retries would multiply the load on a rate-limited account. Its rate
limiter paces all callers together to `requests_per_minute` (Cloudflare's 720 for speech
recognition by default), so a burst of callers waits instead of collecting 429s.
"""

from __future__ import annotations

import logging
import math
import sys
from typing import TYPE_CHECKING, Any

import attrs

from cfasr_ext import AsyncClient, RateLimiter
from cfasr_ext.internal import is_loopback_host

from .app import create_app
from .config import GatewayConfig

if TYPE_CHECKING:
    import uvicorn

__all__ = ["gateway_uvicorn_config", "serve_gateway"]

_STARTUP_FAILURE = 3


def gateway_uvicorn_config(app: Any, config: GatewayConfig, *, log_level: str) -> uvicorn.Config:
    """uvicorn's settings for the gateway, with the connection guard: the one place both
    `serve_gateway` and `testing.run_gateway` take them from."""
    import uvicorn

    from .connection_guard import guarded_protocols, h11_max_head_bytes
    from .guard_answers import OpenAIGuardAnswers

    settings = config.guard_settings()
    http, ws = guarded_protocols(settings, OpenAIGuardAnswers())
    return uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        log_level=log_level,
        lifespan="on",
        http=http,
        ws=ws,
        h11_max_incomplete_event_size=h11_max_head_bytes(settings),
        # The guard applies the exact (fractional) value per connection.
        timeout_keep_alive=math.ceil(config.keep_alive_timeout_s),
    )


def serve_gateway(
    config: GatewayConfig,
    *,
    base_url: str | None = None,
    account_id: str | None = None,
    gateway_id: str | None = None,
    log_level: str = "info",
) -> int:
    """Serve on ``config.host``/``config.port`` until interrupted; returns the exit status
    (3: the server could not start). Raises `ConfigurationError` for missing or invalid
    Cloudflare settings."""
    import uvicorn

    client = AsyncClient(
        base_url=base_url,
        account_id=account_id,
        gateway_id=gateway_id,
        max_retries=config.max_retries,
    )
    # The gateway paces calls itself, so that it can answer 429 rather than queue callers.
    config = attrs.evolve(config, rate_limiter=RateLimiter(config.requests_per_minute))
    host, port = config.host, config.port
    if not is_loopback_host(host) and config.api_key is None:
        print(
            f"warning: listening on {host} without an API key: anyone who can reach it "
            "spends your Workers AI account",
            file=sys.stderr,
        )
    app = create_app(lambda: client, config)
    print(
        f"cfasr gateway on http://{host}:{port}/v1 -> {client.settings.base_url}",
        file=sys.stderr,
    )
    server = uvicorn.Server(gateway_uvicorn_config(app, config, log_level=log_level))
    logging.getLogger("cfasr_openai").setLevel(log_level.upper())
    server.run()
    return 0 if server.started else _STARTUP_FAILURE
