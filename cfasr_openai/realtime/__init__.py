"""OpenAI's realtime transcription protocol (`/v1/realtime?intent=transcription`) in front of
nova-3 and flux: `session_config` (what `session.update` means upstream), `translator`
(sans-I/O: SDK stream events → OpenAI events), `audio` (format conversion), `auth` (OpenAI's
key checks) and `endpoint` (the Starlette WebSocket loop)."""

from __future__ import annotations

from .endpoint import realtime_endpoint

__all__ = ["realtime_endpoint"]
