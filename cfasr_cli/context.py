"""Global options shared by every command, and turning errors into one line and an exit code."""

from __future__ import annotations

import sys
import traceback
from typing import TYPE_CHECKING, NoReturn

import attrs
import typer

from cfasr_cli.error_lines import describe_error, exit_code_for
from cfasr_ext import Settings, resolve_settings
from cfasr_ext.internal import setup_from_env

if TYPE_CHECKING:
    from rich.console import Console

    from cfasr_ext import Client

__all__ = ["GlobalOptions", "fail"]


@attrs.frozen
class GlobalOptions:
    """`--base-url`, `--ai-gateway`, `--account-id`, `-v`, `--quiet`, `--timeout`,
    `--allow-insecure-http`; the token is env-only."""

    base_url: str | None = None
    ai_gateway: str | None = None
    """A Cloudflare AI Gateway id (not the OpenAI-compatible `cfasr gateway`)."""
    account_id: str | None = None
    verbose: bool = False
    quiet: bool = False
    timeout: float | None = None
    """Seconds to wait for each answer (None: the SDK's default)."""
    allow_insecure_http: bool = False
    """Send credentials over plain http to a host that is not loopback."""

    def settings(self) -> Settings:
        """Resolved settings (token from `CLOUDFLARE_API_TOKEN`); `ConfigurationError` if not."""
        return resolve_settings(
            account_id=self.account_id,
            base_url=self.base_url,
            gateway_id=self.ai_gateway,
            timeout=self.timeout,
            allow_insecure_http=self.allow_insecure_http,
        )

    def client(self) -> Client:
        from cfasr_ext import Client

        return Client(
            account_id=self.account_id,
            base_url=self.base_url,
            gateway_id=self.ai_gateway,
            timeout=self.timeout,
            allow_insecure_http=self.allow_insecure_http,
        )

    def stderr(self) -> Console:
        from rich.console import Console

        """Where progress, summaries and notices go (never standard output)."""
        return Console(stderr=True, quiet=self.quiet, highlight=False, soft_wrap=True)

    def setup_logging(self) -> None:
        """`-v` logs every request to stderr, with secrets scrubbed (as `CFASR_LOG=debug`)."""
        if self.verbose:
            setup_from_env({"CFASR_LOG": "debug"})


def options_of(ctx: typer.Context) -> GlobalOptions:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, GlobalOptions) else GlobalOptions()


def fail(error: BaseException, options: GlobalOptions) -> NoReturn:
    """Print `error` as one line on stderr (with the traceback under -v) and exit."""
    if options.verbose:
        traceback.print_exception(error, file=sys.stderr)
    typer.echo(f"cfasr: error: {describe_error(error)}", err=True)
    raise typer.Exit(exit_code_for(error))
