"""OpenAI's audio API (`/v1/audio/transcriptions`, `/v1/audio/translations`, `/v1/models`)
in front of Workers AI, so tools built for OpenAI transcribe with Cloudflare's models.

`cfasr gateway` serves it in front of Cloudflare (or any `CLOUDFLARE_BASE_URL`); the emulator
mounts the same app under `/v1`, answered by its local engine. Every call goes through
`cfasr_ext.AsyncClient`, so the SDK's audio handling, options checks and errors apply as they
are. Installed by the `openai-gateway` extra (the emulator's `server` extra includes it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cfasr_openai.app import create_app
    from cfasr_openai.config import API_KEY_ENV, GatewayConfig

__all__ = ["API_KEY_ENV", "GatewayConfig", "create_app"]

_HOMES = {
    "API_KEY_ENV": "cfasr_openai.config",
    "GatewayConfig": "cfasr_openai.config",
    "create_app": "cfasr_openai.app",
}
"""Loaded on first use, so `cfasr gateway --help` (which reads the flags from
`cfasr_openai.config`) needs neither starlette nor uvicorn."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
