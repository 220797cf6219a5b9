"""Serve the emulator in the foreground until interrupted: the one entry point behind both
``python -m cfasr_emulator`` and ``cfasr serve``, so the two can never start it differently."""

from __future__ import annotations

import contextlib
import ipaddress
import math
import sys
from typing import TYPE_CHECKING, Any

from cfasr_ext.internal import MissingExtraError

from .config import ServerConfig
from .defaults import require_server_extra

if TYPE_CHECKING:
    import uvicorn

__all__ = ["serve", "uvicorn_config"]

_STARTUP_FAILURE = 3
"""uvicorn's exit status when the server could not start (e.g. the port is in use)."""


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def uvicorn_config(app: Any, config: ServerConfig, *, log_level: str) -> uvicorn.Config:
    """uvicorn's settings for ``config``: the one place both ``serve`` and the test helper
    ``run_emulator`` take them from, so tests exercise the limits users get."""
    import uvicorn

    from .connection_guard import guarded_protocols, h11_max_head_bytes

    http, ws = guarded_protocols(config)
    return uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        log_level=log_level,
        lifespan="on",
        http=http,
        ws=ws,
        h11_max_incomplete_event_size=h11_max_head_bytes(config),
        # The guard applies the exact (fractional) value per connection.
        timeout_keep_alive=math.ceil(config.keep_alive_timeout_s),
        timeout_graceful_shutdown=math.ceil(config.graceful_shutdown_s),
        # No server pings: a session that applies back-pressure stops reading its socket, so
        # the client's pong waits behind unread audio, and uvicorn would close (1011
        # "keepalive ping timeout") a session that is merely behind. A silent client is
        # still closed by the session's idle timeout (1011 NET-0001).
        ws_ping_interval=None,
    )


def serve(config: ServerConfig, *, log_level: str = "info") -> int:
    """Run uvicorn with the emulator app; returns the process exit status (2: extra missing,
    3: the server could not start)."""
    if not _is_loopback(config.host) and not config.strict_auth:
        print(
            f"warning: listening on {config.host} without --token: anyone who can reach it "
            "can use it",
            file=sys.stderr,
        )
    if config.engine_mode == "skip":
        print("warning: engine 'skip': results carry no recognition", file=sys.stderr)
    try:
        require_server_extra()
    except MissingExtraError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    from .app import create_app

    print(f"cfasr emulator on {config.base_url}", file=sys.stderr)
    from .shutdown import EmulatorServer

    app = create_app(config)
    server = EmulatorServer(uvicorn_config(app, config, log_level=log_level), app.state.ctx)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C after a graceful stop, as uvicorn.run
        server.run()
    return 0 if server.started else _STARTUP_FAILURE
