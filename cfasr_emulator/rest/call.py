"""One POST after the shared checks (:class:`RestCall`), what its handler answers
(:class:`Outcome`), and the batch queue's steps every handler shares: submit, poll, items."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import attrs

from .. import error_envelope
from ..batches import BatchItemInput
from ..context import EmulatorContext
from ..json_depth import MAX_JSON_DEPTH, MAX_JSON_MEMBERS, too_deep, too_many_members
from . import inputs
from .turbo_body import TurboBodyFeeder


@attrs.frozen
class Outcome:
    """A model's result plus what the envelope and headers need."""

    result: dict[str, Any]
    audio_seconds: float = 0.0
    skipped: bool = False


@attrs.frozen
class RestCall:
    """One POST, after the shared checks: who, which model, the body and the query."""

    ctx: EmulatorContext
    request_id: str
    account_id: str
    model: str
    body: bytes
    content_type: str | None
    query: tuple[tuple[str, str], ...]
    turbo_feeder: TurboBodyFeeder | None = None
    """The turbo body decoded as it arrived (turbo only)."""

    @property
    def queued(self) -> bool:
        return inputs.is_queued(self.query)

    def json_body(self) -> Any:
        if too_deep(self.body):
            raise error_envelope.bad_input(
                f"the body is not valid JSON (nested deeper than {MAX_JSON_DEPTH} levels)",
                self.request_id,
            )
        if too_many_members(self.body):
            raise error_envelope.bad_input(
                f"the body has more than {MAX_JSON_MEMBERS} JSON object members (the emulator's "
                "max_json_members)",
                self.request_id,
            )
        return inputs.parse_json(self.body, self.request_id)

    async def parse_json(self) -> Any:
        """:meth:`json_body` in a worker thread (a 40 MB body takes seconds to parse)."""
        return await asyncio.to_thread(self.json_body)


Handler = Callable[[RestCall], Awaitable[Outcome]]


# --- the batch queue ----------------------------------------------------------------------


def batch_submit(call: RestCall, items: list[BatchItemInput]) -> Outcome:
    result = call.ctx.batches.submit(
        request_id=call.request_id, model=call.model, account_id=call.account_id, items=items
    )
    return Outcome(result)


def batch_poll(call: RestCall, doc: dict[str, Any]) -> Outcome:
    request_id = doc["request_id"]
    if not isinstance(request_id, str):
        raise error_envelope.bad_input(
            f"Type mismatch of '/request_id', '{inputs.json_type(request_id)}' not in 'string'",
            call.request_id,
        )
    return Outcome(
        call.ctx.batches.poll(
            request_id, model=call.model, account_id=call.account_id, rid=call.request_id
        )
    )


def batch_requests(call: RestCall, doc: dict[str, Any]) -> list[Any]:
    requests = doc["requests"]
    if not isinstance(requests, list):
        raise error_envelope.bad_input(
            f"Type mismatch of '/requests', '{inputs.json_type(requests)}' not in 'array'",
            call.request_id,
        )
    if not requests:
        raise error_envelope.bad_input("'/requests' must have at least 1 item", call.request_id)
    return requests


def batch_item(
    call: RestCall, run: Callable[[], Awaitable[Outcome]], ref: str | None
) -> BatchItemInput:
    """A batch item that runs ``run`` when its turn comes and bills what it heard."""

    async def result() -> dict[str, Any]:
        outcome = await run()
        call.ctx.bill(call.account_id, call.model, outcome.audio_seconds)
        return outcome.result

    return BatchItemInput(result, ref)


def item_reference(item: object) -> str | None:
    ref = item.get("external_reference") if isinstance(item, dict) else None
    return ref if isinstance(ref, str) else None
