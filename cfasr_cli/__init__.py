"""The `cfasr` command line (the `cli` extra: typer and rich).

`main()` is the console script. It turns usage errors into one line and an exit status of 2,
so no command ever ends in a traceback the user did not ask for (`-v` shows them).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run `cfasr` with `argv` (default: the process arguments) and exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        import typer

        from cfasr_cli.app import app
    except ImportError as exc:
        print(
            f"cfasr: error: the command line needs the cli extra ({exc.name} is missing); "
            "install it with: pip install 'cfasr[cli]'.",
            file=sys.stderr,
        )
        sys.exit(2)
    try:
        result = app(args=args, prog_name="cfasr", standalone_mode=False)
    except typer.TyperException as exc:  # click's UsageError and friends (vendored by typer)
        message = exc.format_message()
        if type(exc).__name__ == "NoArgsIsHelpError":
            print(message, file=sys.stderr)
        else:
            ctx = getattr(exc, "ctx", None)
            where = getattr(ctx, "command_path", None) or "cfasr"
            print(
                f"cfasr: error: {' '.join(message.split())} (see `{where} --help`)", file=sys.stderr
            )
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("cfasr: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if "-v" in args or "--verbose" in args:
            raise
        print(
            f"cfasr: error: unexpected {type(exc).__name__}: {exc} (rerun with -v for details)",
            file=sys.stderr,
        )
        sys.exit(1)
    if result == 130:  # typer turns KeyboardInterrupt into Exit(130), returned here
        print("cfasr: interrupted", file=sys.stderr)
    sys.exit(result if isinstance(result, int) else 0)
