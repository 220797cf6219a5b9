"""Who may open a realtime session: OpenAI's two ways of presenting a key.

Programs send `Authorization: Bearer <key>`. Browsers cannot set headers on a WebSocket, so
OpenAI lets them offer the key as a subprotocol, `openai-insecure-api-key.<key>`, beside
`realtime`; the server then picks `realtime` (never echoing the key). Either way the key is
compared as on REST, in constant time. A keyless gateway relies on the browser guard instead
(`browser_guard.py`): no foreign `Origin`, `Sec-Fetch-Site` or `Host`.
"""

from __future__ import annotations

import hmac

from starlette.websockets import WebSocket

from ..browser_guard import refuse_foreign_browsers
from ..config import GatewayConfig
from ..errors import OpenAIError

__all__ = ["KEY_SUBPROTOCOL", "REALTIME_SUBPROTOCOL", "authorise"]

KEY_SUBPROTOCOL = "openai-insecure-api-key."
REALTIME_SUBPROTOCOL = "realtime"


def _offered(websocket: WebSocket) -> list[str]:
    header = websocket.headers.get("sec-websocket-protocol", "")
    return [part.strip() for part in header.split(",") if part.strip()]


def authorise(websocket: WebSocket, config: GatewayConfig) -> str | None:
    """The subprotocol to accept with (`realtime` when offered, else none); raises the
    `OpenAIError` (401/403) to refuse the handshake with."""
    offered = _offered(websocket)
    chosen = REALTIME_SUBPROTOCOL if REALTIME_SUBPROTOCOL in offered else None
    if config.api_key is None:
        refuse_foreign_browsers(websocket)
        return chosen
    scheme, _, presented = websocket.headers.get("authorization", "").partition(" ")
    keys = [presented.strip()] if scheme.lower() == "bearer" else []
    keys += [p.removeprefix(KEY_SUBPROTOCOL) for p in offered if p.startswith(KEY_SUBPROTOCOL)]
    expected = config.api_key.encode()
    if not any(hmac.compare_digest(key.encode(), expected) for key in keys):
        raise OpenAIError(
            401,
            "Incorrect API key provided. Send the gateway's key as `Authorization: Bearer ...`, "
            f"or from a browser as the subprotocol `{KEY_SUBPROTOCOL}<key>`.",
            code="invalid_api_key",
        )
    return chosen
