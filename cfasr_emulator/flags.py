"""The emulator's command-line flags, one per ``ServerConfig`` field marked with ``flag()``.

``python -m cfasr_emulator`` (argparse) and ``cfasr serve`` (typer) both build their flags
from `SERVER_FLAGS` and their config with `server_config`, so they take the same flags with
the same defaults, and a new marked field is a flag of both without another edit.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cfasr_openai.flags import FlagSpec, add_arguments, config_values, flag_words, flags_of

from .config import ServerConfig

__all__ = ["LOG_LEVELS", "SERVER_FLAGS", "build_parser", "flag_words", "server_config"]

SERVER_FLAGS: tuple[FlagSpec, ...] = flags_of(ServerConfig)

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
"""uvicorn's log levels (``--log-level``, the one flag that is not a config field)."""


def build_parser(config: type[ServerConfig] = ServerConfig) -> argparse.ArgumentParser:
    """``python -m cfasr_emulator``'s parser: the config's flags and ``--log-level``."""
    parser = argparse.ArgumentParser(
        prog="python -m cfasr_emulator",
        description="Local emulator of the Cloudflare Workers AI speech-recognition API.",
    )
    add_arguments(parser, SERVER_FLAGS if config is ServerConfig else flags_of(config))
    parser.add_argument("--log-level", default="info", choices=LOG_LEVELS)
    return parser


def server_config(
    given: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> ServerConfig:
    """The config from flag values keyed by field name; credentials not given come from the
    environment (``ServerConfig.from_env``). Fault rules turn fault injection on.

    Raises ``ValueError`` (``FaultSpecError`` among them) for a value the config refuses."""
    values = config_values(SERVER_FLAGS, given)
    if values.get("fault_rules"):
        values["faults_enabled"] = True
    return ServerConfig.from_env(environ, **values)
