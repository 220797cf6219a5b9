"""Asynchronous batches (``queueRequest=true``): submit, run in the background, poll.

Submitting answers ``{"status": "queued", "request_id", "model"}`` at once; polling with
``{"request_id": ...}`` answers the same status until every item has run, then
``{"responses": [{"id", "result", "success", "external_reference"}]}``.
"""

from __future__ import annotations

import asyncio
import contextvars
import enum
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import attrs
from cfasr_client.models import BatchItem, BatchItemResult, BatchQueued, BatchResults

from . import error_envelope

RunItem = Callable[[], Awaitable[dict[str, Any]]]
"""Runs one batch input and returns its model result; raises ApiError on failure."""

_BUSY_RETRY_S = 0.05

_IN_BATCH: contextvars.ContextVar[bool] = contextvars.ContextVar("cfasr_batch_item", default=False)


def running_batch_item() -> bool:
    """True while a batch item runs (in its batch's task): its engine work is background
    work, which yields to interactive requests (``engine/admission.py``). A context variable,
    so the handlers build an item exactly as they run a request and need not say which."""
    return _IN_BATCH.get()


async def _nothing() -> dict[str, Any]:
    raise AssertionError("a batch item ran twice")


class BatchState(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"


@attrs.define
class BatchItemInput:
    run: RunItem
    external_reference: str | None = None


_DONE = BatchItemInput(_nothing)
"""Stands in for an item that has run, so its request can be freed."""


@attrs.define
class Batch:
    request_id: str
    model: str
    account_id: str
    items: Sequence[BatchItemInput]
    state: BatchState = BatchState.QUEUED
    responses: list[BatchItem] = attrs.field(factory=list)


class BatchStore:
    """Holds batches in memory for the life of the server; runs them one item at a time."""

    def __init__(self) -> None:
        self._batches: dict[str, Batch] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(
        self, *, request_id: str, model: str, account_id: str, items: Sequence[BatchItemInput]
    ) -> dict[str, Any]:
        batch = Batch(request_id, model, account_id.lower(), items)
        self._batches[request_id] = batch
        task = asyncio.get_running_loop().create_task(self._run(batch))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return BatchQueued(status="queued", request_id=request_id, model=model).to_dict()

    def poll(self, request_id: str, *, model: str, account_id: str, rid: str) -> dict[str, Any]:
        """Status or responses of a batch; an unknown id (or another model's) is 5006."""
        batch = self._batches.get(request_id)
        if batch is None or batch.model != model or batch.account_id != account_id.lower():
            raise error_envelope.bad_input(f"no queued request with request_id '{request_id}'", rid)
        if batch.state is not BatchState.DONE:
            return BatchQueued(
                status=batch.state.value, request_id=request_id, model=model
            ).to_dict()
        return BatchResults(responses=batch.responses).to_dict()

    def is_done(self, request_id: str) -> bool:
        batch = self._batches.get(request_id)
        return batch is not None and batch.state is BatchState.DONE

    async def _run(self, batch: Batch) -> None:
        _IN_BATCH.set(True)  # This task's own context: the request that submitted is unaffected.
        batch.state = BatchState.RUNNING
        # Each item's closure holds its request (the body, the decoded audio): let go of
        # each once it has run, so a finished batch keeps only its answers (issue 29 item 2).
        pending = list(batch.items)
        batch.items = ()
        for index in range(len(pending)):
            item, pending[index] = pending[index], _DONE
            batch.responses.append(await self._run_item(index, item))
            del item
        batch.state = BatchState.DONE

    @staticmethod
    async def _run_item(index: int, item: BatchItemInput) -> BatchItem:
        while True:
            try:
                result = await item.run()
            except error_envelope.ApiError as exc:
                if exc.code == 3040:  # The engine is busy with live requests: wait our turn.
                    await asyncio.sleep(_BUSY_RETRY_S)
                    continue
                failed = BatchItem(
                    id=index,
                    result=BatchItemResult(),
                    success=False,
                    external_reference=item.external_reference,
                )
                failed.additional_properties["errors"] = [e.to_dict() for e in exc.entries]
                return failed
            return BatchItem(
                id=index,
                result=BatchItemResult.from_dict(result),
                success=True,
                external_reference=item.external_reference,
            )

    @property
    def pending(self) -> int:
        """Batches still running (their tasks end when every item has an answer)."""
        return len(self._tasks)

    async def aclose(self) -> None:
        """Cancel unfinished batches at shutdown."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
