"""``python -m cfasr_openai``: the OpenAI-compatible gateway with only the ``openai-gateway``
extra installed (``cfasr gateway`` is the same server with the ``cli`` extra).

Cloudflare's settings come from the environment (``CLOUDFLARE_API_TOKEN``,
``CLOUDFLARE_ACCOUNT_ID``, optionally ``CLOUDFLARE_BASE_URL``) as for the SDK.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cfasr_ext import ConfigurationError
from cfasr_ext.internal import MissingExtraError, require_extra

from .flags import add_arguments, flag_words
from .front_end import GATEWAY_FLAGS, GATEWAY_MODULES, KEY_IN_FLAG_WARNING, gateway_config

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cfasr_openai",
        description="OpenAI's audio API (and Realtime transcription) in front of Workers AI.",
    )
    add_arguments(parser, GATEWAY_FLAGS)
    parser.add_argument("--log-level", default="info", choices=LOG_LEVELS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = vars(parser.parse_args(argv))
    log_level = args.pop("log_level")
    try:
        config = gateway_config(args)
    except ValueError as exc:
        parser.error(flag_words(str(exc), GATEWAY_FLAGS))
    try:
        require_extra("openai-gateway", "python -m cfasr_openai", *GATEWAY_MODULES)
    except MissingExtraError as exc:
        print(f"cfasr_openai: {exc}", file=sys.stderr)
        return 2
    if args.get("api_key") is not None:
        print(f"cfasr_openai: {KEY_IN_FLAG_WARNING}", file=sys.stderr)
    from .serving import serve_gateway

    try:
        return serve_gateway(config, log_level=log_level)
    except ConfigurationError as exc:
        print(f"cfasr_openai: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
