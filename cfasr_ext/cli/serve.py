"""`cfasr serve`: the local emulator, started the way `python -m cfasr_ext.server` starts it."""

from __future__ import annotations

import os

import typer

from cfasr_ext.cli.catalog import CliError
from cfasr_ext.cli.context import GlobalOptions

__all__ = ["run_server"]


def run_server(
    *, host: str, port: int, token: str | None, preload: bool, options: GlobalOptions
) -> int:
    """Serve until interrupted; returns the exit status. Needs the `server` extra."""
    if not 0 <= port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, got {port}.")
    if token == "":
        raise CliError("--token is empty; pass a value or leave it out to accept any token.")
    try:
        from cfasr_ext.server.__main__ import main as server_main
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
    argv = [
        "--host",
        host,
        "--port",
        str(port),
        "--log-level",
        "debug" if options.verbose else "info",
    ]
    if options.quiet:
        argv[-1] = "warning"
    if preload:
        argv.append("--preload")
    if token is not None:
        # Handed over through the environment so it never appears in an argument list.
        os.environ["CFASR_EMULATOR_TOKEN"] = token
    return server_main(argv)
