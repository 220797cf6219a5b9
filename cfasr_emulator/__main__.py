"""``python -m cfasr_emulator``: serve the emulator with uvicorn (Ctrl-C stops it gracefully).

The flags are ``ServerConfig``'s (see `cfasr_emulator.flags`), the same as ``cfasr serve``'s.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .config import ServerConfig
from .faults import FaultSpecError
from .flags import SERVER_FLAGS, build_parser, flag_words, server_config
from .serving import serve

__all__ = ["build_parser", "config_from_args", "main"]


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    return server_config(vars(args))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = config_from_args(args)
    except (FaultSpecError, ValueError) as exc:
        print(f"error: {flag_words(str(exc), SERVER_FLAGS)}", file=sys.stderr)
        return 2
    return serve(config, log_level=args.log_level)


if __name__ == "__main__":
    raise SystemExit(main())
