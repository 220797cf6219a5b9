"""`cfasr serve`: the local emulator, started by the same function as `python -m cfasr_emulator`."""

from __future__ import annotations

import typer

from cfasr_cli.catalog import CliError
from cfasr_cli.context import GlobalOptions

__all__ = ["run_server"]


def run_server(
    *,
    host: str,
    port: int,
    token: str | None,
    preload: bool,
    options: GlobalOptions,
    engine_deadline_s: float | None = None,
) -> int:
    """Serve until interrupted; returns the exit status. Needs the `server` extra.

    ``engine_deadline_s`` None keeps the emulator's default (``ServerConfig``)."""
    if not 0 <= port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, got {port}.")
    if token == "":
        raise CliError("--token is empty; pass a value or leave it out to accept any token.")
    try:
        from cfasr_emulator.config import ServerConfig
        from cfasr_emulator.serving import serve
    except ImportError as exc:
        raise CliError(
            f"the emulator needs the server extra ({exc.name} is missing); "
            "install it with: pip install 'cfasr[server]'."
        ) from None
    if token is not None:
        typer.echo(
            "cfasr: warning: a token given with --token is saved in your shell history; "
            "set CFASR_EMULATOR_TOKEN instead.",
            err=True,
        )
    try:
        config = ServerConfig.from_env(
            host=host,
            port=port,
            token=token,
            preload=preload,
            engine_deadline_s=engine_deadline_s,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    log_level = "warning" if options.quiet else "debug" if options.verbose else "info"
    return serve(config, log_level=log_level)
