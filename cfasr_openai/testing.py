"""Run the gateway inside a test (or benchmark) process: uvicorn on a free loopback port.

with run_gateway(api_token=emu.token, account_id=emu.account_id,
                 base_url=emu.base_url) as gateway:
    client = openai.OpenAI(base_url=gateway.base_url, api_key=gateway.api_key or "any")
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

import attrs

from cfasr_ext import AsyncClient

from .app import create_app
from .config import GatewayConfig
from .serving import gateway_uvicorn_config

__all__ = ["GatewayHandle", "run_gateway"]

_START_TIMEOUT_S = 30.0


@attrs.frozen(repr=False)
class GatewayHandle:
    """Where a running gateway listens; `base_url` is what OpenAI clients take."""

    host: str
    port: int
    api_key: str | None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def __repr__(self) -> str:
        return f"GatewayHandle(base_url={self.base_url!r})"


@contextlib.contextmanager
def run_gateway(
    config: GatewayConfig | None = None,
    *,
    host: str = "127.0.0.1",
    log_level: str = "warning",
    **client_options: Any,
) -> Iterator[GatewayHandle]:
    """Start a gateway in a background thread; stop it on exit. `client_options` are
    `cfasr_ext.AsyncClient` arguments (credentials, `base_url`, `max_retries`...)."""
    import uvicorn

    settings = config or GatewayConfig()
    client_options.setdefault("max_retries", 0)
    app = create_app(lambda: AsyncClient(**client_options), settings)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        gateway_uvicorn_config(
            app, attrs.evolve(settings, host=host, port=port), log_level=log_level
        )
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"cfasr-gateway-{port}", daemon=True
    )
    thread.start()
    try:
        waited = 0.0
        while not server.started:
            if not thread.is_alive() or waited > _START_TIMEOUT_S:
                raise RuntimeError(f"the gateway did not start on {host}:{port}")
            thread.join(0.02)
            waited += 0.02
        yield GatewayHandle(host=host, port=port, api_key=settings.api_key)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
