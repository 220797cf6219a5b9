"""`cfasr gateway`: OpenAI's audio API in front of Workers AI (the `openai-gateway` extra),
with ``GatewayConfig``'s flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import typer

from cfasr_cli.catalog import CliError
from cfasr_cli.context import GlobalOptions
from cfasr_ext.internal import MissingExtraError, require_extra
from cfasr_openai.config import API_KEY_ENV, GatewayConfig
from cfasr_openai.flags import FlagSpec, config_values, flag_words, flags_of

__all__ = ["GATEWAY_FLAGS", "run_gateway"]

GATEWAY_FLAGS: tuple[FlagSpec, ...] = flags_of(GatewayConfig)

_GATEWAY_MODULES = ("starlette", "uvicorn", "python_multipart", "langcodes", "language_data")
"""Checked before starting: without python-multipart the server would start, then fail
every upload (and without langcodes' data, every `verbose_json`)."""


def run_gateway(given: Mapping[str, Any], *, options: GlobalOptions) -> int:
    """Serve until interrupted; returns the exit status.

    ``given`` holds every flag's value by ``GatewayConfig`` field name."""
    api_key = given.get("api_key")
    if api_key == "":
        raise CliError("--api-key is empty; pass a value or leave it out to accept any caller.")
    values = config_values(GATEWAY_FLAGS, given)
    if api_key is None and os.environ.get(API_KEY_ENV):
        values["api_key"] = os.environ[API_KEY_ENV]
    try:
        config = GatewayConfig(**values)
    except ValueError as exc:
        raise CliError(flag_words(str(exc), GATEWAY_FLAGS)) from None
    try:
        require_extra("openai-gateway", "cfasr gateway", *_GATEWAY_MODULES)
    except MissingExtraError as exc:
        raise CliError(str(exc)) from None
    from cfasr_openai.serving import serve_gateway

    if api_key is not None:
        typer.echo(
            f"cfasr: warning: a key given with --api-key shows in the process list and your "
            f"shell history; set {API_KEY_ENV} instead.",
            err=True,
        )
    log_level = "warning" if options.quiet else "debug" if options.verbose else "info"
    return serve_gateway(
        config,
        base_url=options.base_url,
        account_id=options.account_id,
        gateway_id=options.ai_gateway,
        log_level=log_level,
    )
