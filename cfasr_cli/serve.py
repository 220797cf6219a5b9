"""`cfasr serve`: the local emulator, started by the same function as `python -m cfasr_emulator`,
with the same flags (``ServerConfig``'s, through `cfasr_emulator.flags`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import typer

from cfasr_cli.catalog import CliError
from cfasr_cli.context import GlobalOptions
from cfasr_openai.flags import FlagSpec

__all__ = ["run_server", "server_flags"]

_SERVER_EXTRA = "install it with: pip install 'cfasr[server]'."


def server_flags() -> tuple[tuple[FlagSpec, ...], tuple[str, ...]]:
    """The emulator's flags and log levels; none without the `server` extra (the emulator's
    config imports starlette), and `cfasr serve` then says which extra to install."""
    try:
        from cfasr_emulator.flags import LOG_LEVELS, SERVER_FLAGS
    except ImportError:
        return (), ()
    return SERVER_FLAGS, LOG_LEVELS


def run_server(given: Mapping[str, Any], *, log_level: str | None, options: GlobalOptions) -> int:
    """Serve until interrupted; returns the exit status. Needs the `server` extra.

    ``given`` holds every flag's value by ``ServerConfig`` field name."""
    port = given.get("port", 0)
    if not 0 <= port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, got {port}.")
    if given.get("token") == "":
        raise CliError("--token is empty; pass a value or leave it out to accept any token.")
    try:
        from cfasr_emulator.flags import SERVER_FLAGS, flag_words, server_config
        from cfasr_emulator.serving import serve
    except ImportError as exc:
        raise CliError(
            f"the emulator needs the server extra ({exc.name} is missing); " + _SERVER_EXTRA
        ) from None
    for spec in SERVER_FLAGS:
        if spec.flag.secret_env and given.get(spec.field) is not None:
            typer.echo(
                f"cfasr: warning: a value given with {spec.name} is saved in your shell "
                f"history; set {spec.flag.secret_env} instead.",
                err=True,
            )
    try:
        config = server_config(given)
    except ValueError as exc:
        raise CliError(flag_words(str(exc), SERVER_FLAGS)) from None
    if log_level is None:
        log_level = "warning" if options.quiet else "debug" if options.verbose else "info"
    return serve(config, log_level=log_level)
