"""A REST operation's success answer: Cloudflare's envelope with the request id and neurons
headers, cut short or dropped when an injected fault says so."""

from __future__ import annotations

import json

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from .. import error_envelope
from ..faults import ResetFault, TruncateFault
from ..neurons import format_neurons
from .call import Outcome, RestCall
from .results import SKIPPED_NOTE


class DroppedResponse(Response):
    """Sends the headers and the first bytes of the body, then drops the connection."""

    def __init__(self, body: bytes, after_bytes: int, headers: dict[str, str]) -> None:
        super().__init__(body, headers=headers, media_type="application/json")
        self._after = min(after_bytes, max(len(body) - 1, 0))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        del scope, receive
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await send(
            {"type": "http.response.body", "body": self.body[: self._after], "more_body": True}
        )
        # Returning without finishing the body makes the server close the connection.


def success_response(call: RestCall, outcome: Outcome, fault: object) -> Response:
    """``outcome`` in the envelope, with the request id and the neurons billed for it; an
    injected reset or truncation fault cuts it short."""
    messages = [{"message": SKIPPED_NOTE}] if outcome.skipped else []
    body = json.dumps(
        {"result": outcome.result, "success": True, "errors": [], "messages": messages}
    ).encode()
    neurons = call.ctx.bill(call.account_id, call.model, outcome.audio_seconds)
    headers = {
        error_envelope.REQUEST_ID_HEADER: call.request_id,
        error_envelope.NEURONS_HEADER: format_neurons(neurons),
    }
    if isinstance(fault, ResetFault):
        return DroppedResponse(body, fault.after_bytes, headers)
    if isinstance(fault, TruncateFault):
        body = body[: len(body) // 2]
    return Response(body, headers=headers, media_type="application/json")
