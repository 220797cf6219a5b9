"""Serve the emulator in the foreground until interrupted: the one entry point behind both
``python -m cfasr_emulator`` and ``cfasr serve``, so the two can never start it differently."""

from __future__ import annotations

import ipaddress
import sys

from cfasr_ext._extras import MissingExtraError

from .config import ServerConfig
from .testing import require_server_extra

__all__ = ["serve"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(config: ServerConfig, *, log_level: str = "info") -> int:
    """Run uvicorn with the emulator app; returns the process exit status (2: extra missing)."""
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
    import uvicorn

    from .app import create_app

    print(f"cfasr emulator on {config.base_url}", file=sys.stderr)
    uvicorn.run(
        create_app(config),
        host=config.host,
        port=config.port,
        log_level=log_level,
        timeout_graceful_shutdown=int(config.graceful_shutdown_s),
    )
    return 0
