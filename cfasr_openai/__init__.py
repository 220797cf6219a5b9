"""OpenAI's audio API (`/v1/audio/transcriptions`, `/v1/audio/translations`, `/v1/models`)
in front of Workers AI, so tools built for OpenAI transcribe with Cloudflare's models.

`cfasr gateway` serves it in front of Cloudflare (or any `CLOUDFLARE_BASE_URL`); the emulator
mounts the same app under `/v1`, answered by its local engine. Every call goes through
`cfasr_ext.AsyncClient`, so the SDK's audio handling, options checks and errors apply as they
are. Installed by the `openai-gateway` extra (the emulator's `server` extra includes it).
"""

from __future__ import annotations

from cfasr_openai.app import create_app
from cfasr_openai.config import API_KEY_ENV, GatewayConfig

__all__ = ["API_KEY_ENV", "GatewayConfig", "create_app"]
