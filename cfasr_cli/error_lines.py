"""Exceptions → one line that says what went wrong and what to do about it.

The command line never shows a traceback for an error the user can act on; `-v` adds the
traceback for the rest. Messages come from the SDK's typed errors, which never carry tokens.
"""

from __future__ import annotations

from cfasr_cli.catalog import CliError
from cfasr_ext import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    CfasrError,
    ConfigurationError,
    NotFoundError,
    OptionError,
    PermissionDeniedError,
    RateLimitError,
    RequestTooLargeError,
)

__all__ = ["EXIT_FAILED", "EXIT_USAGE", "describe_error", "exit_code_for"]

EXIT_FAILED = 1
"""A request or file failed."""
EXIT_USAGE = 2
"""Bad arguments, input or configuration: nothing was sent."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def describe_error(error: BaseException) -> str:
    """A one-line, actionable description of `error` (no traceback, no secrets)."""
    if isinstance(error, CliError):
        return _one_line(error.message)
    if isinstance(error, ConfigurationError):
        return _one_line(_cli_words(str(error)))
    if isinstance(error, AuthenticationError):
        return _one_line(
            f"{error.message}; the API token was refused: check $CLOUDFLARE_API_TOKEN "
            "(it needs the Workers AI permission) and --account-id."
        )
    if isinstance(error, PermissionDeniedError):
        return _one_line(
            f"{error.message}; the token lacks permission for this model or account: "
            "give it Workers AI Read or Write."
        )
    if isinstance(error, NotFoundError):
        return _one_line(f"{error.message}; check --account-id and --model (`cfasr models`).")
    if isinstance(error, RateLimitError):
        hint = (
            "the free daily allocation is used up; wait until 00:00 UTC or upgrade the plan."
            if error.is_daily_limit
            else "rate limited; lower --concurrency or try again shortly."
        )
        return _one_line(f"{error.message}; {hint}")
    if isinstance(error, RequestTooLargeError):
        return _one_line(f"{error.message}; split the audio with --chunking.")
    if isinstance(error, APITimeoutError):
        return _one_line(
            f"{error.message}; raise --timeout SECONDS, or split long audio with --chunking."
        )
    if isinstance(error, APIConnectionError):
        return _one_line(
            f"{error.message}; check --base-url and your network "
            "(for the local emulator, is `cfasr serve` running?)."
        )
    if isinstance(error, APIError | CfasrError):
        return _one_line(str(error))
    if isinstance(error, OSError):
        name = f"{error.filename}: " if error.filename else ""
        return _one_line(f"{name}{error.strerror or error}")
    return _one_line(f"unexpected {type(error).__name__}: {error} (rerun with -v for details)")


def _cli_words(message: str) -> str:
    """Rephrase the SDK's argument names as the command line's flags."""
    return (
        message.replace("pass api_token= or set", "set")
        .replace("pass account_id= or set", "pass --account-id or set")
        .replace("argument account_id=", "--account-id")
        .replace("argument base_url=", "--base-url")
        .replace("argument gateway_id=", "--ai-gateway")
        .replace("(or api_key= and email=,", "(or")
        .replace(
            "pass allow_insecure_http=True",
            "pass --allow-insecure-http (or set CFASR_ALLOW_INSECURE_HTTP=1)",
        )
        .replace("timeout must be", "--timeout must be")
    )


def exit_code_for(error: BaseException) -> int:
    """`EXIT_USAGE` when nothing could have been sent, else `EXIT_FAILED`."""
    if isinstance(error, CliError):
        return error.exit_code
    if isinstance(error, ConfigurationError | OptionError):
        return EXIT_USAGE
    return EXIT_FAILED
