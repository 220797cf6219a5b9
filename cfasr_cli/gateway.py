"""`cfasr gateway`: OpenAI's audio API in front of Workers AI (the `openai-gateway` extra),
with ``GatewayConfig``'s flags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer

from cfasr_cli.catalog import CliError
from cfasr_cli.context import GlobalOptions
from cfasr_ext.internal import MissingExtraError, require_extra
from cfasr_openai.flags import flag_words
from cfasr_openai.front_end import (
    GATEWAY_FLAGS,
    GATEWAY_MODULES,
    KEY_IN_FLAG_WARNING,
    gateway_config,
)

__all__ = ["GATEWAY_FLAGS", "run_gateway"]


def run_gateway(given: Mapping[str, Any], *, options: GlobalOptions) -> int:
    """Serve until interrupted; returns the exit status.

    ``given`` holds every flag's value by ``GatewayConfig`` field name."""
    try:
        config = gateway_config(given)
    except ValueError as exc:
        raise CliError(flag_words(str(exc), GATEWAY_FLAGS)) from None
    try:
        require_extra("openai-gateway", "cfasr gateway", *GATEWAY_MODULES)
    except MissingExtraError as exc:
        raise CliError(str(exc)) from None
    from cfasr_openai.serving import serve_gateway

    if given.get("api_key") is not None:
        typer.echo(f"cfasr: {KEY_IN_FLAG_WARNING}", err=True)
    log_level = "warning" if options.quiet else "debug" if options.verbose else "info"
    return serve_gateway(
        config,
        base_url=options.base_url,
        account_id=options.account_id,
        gateway_id=options.ai_gateway,
        log_level=log_level,
    )
