"""The gateway's flags as a config: shared by `python -m cfasr_openai` and `cfasr gateway`.

Both front ends take their flags from ``GatewayConfig`` (``flag()`` metadata); this module
turns the values they parsed into the config, with the callers' key from the environment when
no flag gave one, so neither front end has a rule of its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .config import API_KEY_ENV, GatewayConfig
from .flags import FlagSpec, config_values, flags_of

__all__ = ["GATEWAY_FLAGS", "GATEWAY_MODULES", "KEY_IN_FLAG_WARNING", "gateway_config"]

GATEWAY_FLAGS: tuple[FlagSpec, ...] = flags_of(GatewayConfig)

GATEWAY_MODULES = ("starlette", "uvicorn", "python_multipart", "langcodes", "language_data")
"""Checked before starting: without python-multipart the server would start, then fail
every upload (and without langcodes' data, every `verbose_json`)."""

KEY_IN_FLAG_WARNING = (
    f"warning: a key given with --api-key shows in the process list and your shell history; "
    f"set {API_KEY_ENV} instead."
)


def gateway_config(
    given: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> GatewayConfig:
    """The config from flag values keyed by field name. Raises ``ValueError`` for an empty
    ``--api-key`` or a value the config refuses."""
    env = os.environ if environ is None else environ
    api_key = given.get("api_key")
    if api_key == "":
        raise ValueError("--api-key is empty; pass a value or leave it out to accept any caller.")
    values = config_values(GATEWAY_FLAGS, given)
    if api_key is None and env.get(API_KEY_ENV):
        values["api_key"] = env[API_KEY_ENV]
    return GatewayConfig(**values)
