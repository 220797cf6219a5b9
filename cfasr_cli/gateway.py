"""`cfasr gateway`: OpenAI's audio API in front of Workers AI (the `openai-gateway` extra)."""

from __future__ import annotations

import os

import typer

from cfasr_ext._extras import MissingExtraError, require_extra
from cfasr_cli.catalog import CliError
from cfasr_cli.context import GlobalOptions

__all__ = ["run_gateway"]

_MIB = 1024 * 1024
_GATEWAY_MODULES = ("starlette", "uvicorn", "python_multipart")
"""Checked before starting: without python-multipart the server would start, then fail
every upload."""


def run_gateway(
    *,
    host: str,
    port: int,
    api_key: str | None,
    max_body_mb: float,
    max_retries: int,
    requests_per_minute: float,
    options: GlobalOptions,
) -> int:
    """Serve until interrupted; returns the exit status."""
    if not 0 <= port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, got {port}.")
    if max_body_mb <= 0 or requests_per_minute <= 0 or max_retries < 0:
        raise CliError(
            "--max-body-mb and --requests-per-minute must be positive, --max-retries not negative."
        )
    if api_key == "":
        raise CliError("--api-key is empty; pass a value or leave it out to accept any caller.")
    try:
        require_extra("openai-gateway", "cfasr gateway", *_GATEWAY_MODULES)
    except MissingExtraError as exc:
        raise CliError(str(exc)) from None
    from cfasr_openai.config import API_KEY_ENV, GatewayConfig
    from cfasr_openai.serving import serve_gateway

    if api_key is not None:
        typer.echo(
            f"cfasr: warning: a key given with --api-key shows in the process list and your "
            f"shell history; set {API_KEY_ENV} instead.",
            err=True,
        )
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV) or None
    try:
        config = GatewayConfig(api_key=key, max_body_bytes=int(max_body_mb * _MIB))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    log_level = "warning" if options.quiet else "debug" if options.verbose else "info"
    return serve_gateway(
        config,
        host=host,
        port=port,
        base_url=options.base_url,
        account_id=options.account_id,
        gateway_id=options.gateway,
        max_retries=max_retries,
        requests_per_minute=requests_per_minute,
        log_level=log_level,
    )
