"""Batch mode (`queueRequest=true`): submit many inputs, poll the job, collect typed results.

Batches are JSON (`{"requests": [...]}`) and must stay under 10 MB in all, so they are built in
memory and their size is checked before anything is sent.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

import attrs
from cfasr_client.contract import SERVICE_LIMITS
from cfasr_client.contract.params import RunWhisperLargeV3TurboParams
from cfasr_client.models import (
    BatchItem,
    BatchItemResult,
    BatchPollRequest,
    BatchQueued,
    BatchResults,
)

from cfasr_ext._audio_sources import Audio, AudioSource, open_audio, open_audio_async
from cfasr_ext._errors import APIError, AudioInputError, OptionError
from cfasr_ext._http import Call
from cfasr_ext._options import merged_headers
from cfasr_ext._progress import ProgressCallback, ProgressTracker, retries_reported_to
from cfasr_ext._request_bodies import Body, json_body
from cfasr_ext._unchecked import ExtraBody, ExtraQuery, merge_body, merge_query
from cfasr_ext.models._method import AsyncRequester, SyncRequester

_QUEUED = tuple(RunWhisperLargeV3TurboParams(queueRequest=True).query())
"""The query that makes a POST a batch submission or poll (``queueRequest``, which every
operation that batches takes alike)."""

__all__ = ["BatchJob", "BatchOutcome", "BatchTimeoutError"]

T = TypeVar("T")
MAX_BATCH_BYTES = int(SERVICE_LIMITS["max_batch_bytes"].value)


class BatchTimeoutError(APIError):
    """`wait()` gave up before the batch finished; poll again later with the same job."""


@attrs.frozen
class BatchJob:
    """A queued batch; keep `request_id` to poll it later (even from another process)."""

    request_id: str
    model: str
    status: str = "queued"
    inputs: int | None = None
    """How many recordings the job holds, when this process submitted it (the API's polls do
    not say); `wait(on_progress=)` reports it as `pieces_total`."""


@attrs.frozen
class BatchOutcome(Generic[T]):
    """One input's outcome: `result` is the typed model result when `success`."""

    id: int | None
    success: bool
    result: T | None
    external_reference: str | None
    raw: BatchItem


PollResult: TypeAlias = "BatchJob | list[BatchOutcome[T]]"


def _body(payload: Mapping[str, Any]) -> Callable[[Audio | None], Body]:
    content, kind = json_body(payload)

    def make_body(_: Audio | None) -> Body:
        return Body(content_type=kind, length=len(content), audio=None, prefix=content)

    return make_body


def _queued(model: str, result: Any) -> BatchJob:
    queued = BatchQueued.from_dict(result)
    return BatchJob(request_id=queued.request_id, model=model, status=queued.status)


def build_submit(
    model: str,
    requests: list[dict[str, Any]],
    *,
    extra_query: ExtraQuery | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Call[BatchJob]:
    if not requests:
        raise OptionError("a batch needs at least one input.")
    payload = {"requests": requests}
    make_body = _body(payload)
    size = make_body(None).length or 0
    if size >= MAX_BATCH_BYTES:
        raise AudioInputError(
            f"the batch body is {size / 1e6:.1f} MB; Cloudflare accepts under 10 MB. "
            "Split the inputs into smaller batches."
        )
    return Call(
        model=model,
        make_body=make_body,
        parse=lambda result: _queued(model, result),
        params=merge_query(_QUEUED, extra_query),
        headers=merged_headers(extra_headers),
    )


def build_poll(
    model: str,
    job: BatchJob | str,
    parse_item: Callable[[Any], T],
    *,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Call[BatchJob | list[BatchOutcome[T]]]:
    request_id = job.request_id if isinstance(job, BatchJob) else job
    poll_body = merge_body(
        BatchPollRequest(request_id=request_id).to_dict(), extra_body, model=model
    )

    def parse(result: Any) -> BatchJob | list[BatchOutcome[T]]:
        if isinstance(result, dict) and "responses" in result:
            return _outcomes(BatchResults.from_dict(result), parse_item)
        return _queued(model, result)

    return Call(
        model=model,
        make_body=_body(poll_body),
        parse=parse,
        params=merge_query(_QUEUED, extra_query),
        headers=merged_headers(extra_headers),
    )


def _outcomes(results: BatchResults, parse_item: Callable[[Any], T]) -> list[BatchOutcome[T]]:
    outcomes: list[BatchOutcome[T]] = []
    for item in results.responses:
        result = item.result if isinstance(item.result, BatchItemResult) else None
        ok = item.success is True or (item.success is None and result is not None)
        reference = item.external_reference
        outcomes.append(
            BatchOutcome(
                id=item.id if isinstance(item.id, int) else None,
                success=ok,
                result=parse_item(result.to_dict()) if ok and result is not None else None,
                external_reference=reference if isinstance(reference, str) else None,
                raw=item,
            )
        )
    return outcomes


def audio_base64(source: AudioSource) -> str:
    """A batch item's audio as base64 (batches are small by rule, so memory is fine)."""
    return base64.b64encode(open_audio(source).read_all()).decode("ascii")


async def _read_all_async(source: AudioSource) -> bytes:
    audio = await open_audio_async(source)
    return b"".join([block async for block in audio.achunks()])


class SyncBatch(Generic[T]):
    """`submit`, `poll` and `wait` for one batch-capable model."""

    def __init__(
        self,
        client: SyncRequester,
        model: str,
        make_item: Callable[..., dict[str, Any]],
        parse_item: Callable[[Any], T],
    ) -> None:
        self._client, self.model = client, model
        self._make_item, self._parse_item = make_item, parse_item

    def submit(
        self,
        audios: Sequence[AudioSource],
        *,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        extra_headers: Mapping[str, str] | None = None,
        **options: Any,
    ) -> BatchJob:
        """Queue one job for all `audios` with the same options; returns the job to poll.

        `extra_query`, `extra_headers` and `extra_body` are sent unchecked (options newer than
        openapi.yaml); `extra_body` joins each input, where the model's options are."""
        items = [
            merge_body(self._make_item(audio, **options), extra_body, model=self.model)
            for audio in audios
        ]
        call = build_submit(self.model, items, extra_query=extra_query, extra_headers=extra_headers)
        return attrs.evolve(self._client.request(call).parse(), inputs=len(items))

    def poll(
        self,
        job: BatchJob | str,
        *,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> BatchJob | list[BatchOutcome[T]]:
        """The job (still queued or running) or, once done, one outcome per input."""
        call = build_poll(
            self.model,
            job,
            self._parse_item,
            extra_query=extra_query,
            extra_body=extra_body,
            extra_headers=extra_headers,
        )
        return self._client.request(call).parse()

    def wait(
        self,
        job: BatchJob | str,
        *,
        timeout: float = 600.0,
        interval: float = 2.0,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        extra_headers: Mapping[str, str] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> list[BatchOutcome[T]]:
        """Poll every `interval` seconds until done; raises `BatchTimeoutError` after `timeout`.
        The `extra_*` go with every poll. `on_progress` hears of the start, each retried poll
        and the end (the API's polls tell no partial progress)."""
        deadline = time.monotonic() + timeout
        tracker = _tracker(job, on_progress)
        while True:
            with retries_reported_to(tracker.retried):
                state = self.poll(
                    job, extra_query=extra_query, extra_body=extra_body, extra_headers=extra_headers
                )
            if isinstance(state, list):
                _finish(tracker, state)
                return state
            if time.monotonic() + interval > deadline:
                raise BatchTimeoutError(_timeout_message(state, timeout))
            time.sleep(interval)


class AsyncBatch(Generic[T]):
    """Async twin of `SyncBatch`."""

    def __init__(
        self,
        client: AsyncRequester,
        model: str,
        make_item: Callable[..., dict[str, Any]],
        parse_item: Callable[[Any], T],
    ) -> None:
        self._client, self.model = client, model
        self._make_item, self._parse_item = make_item, parse_item

    async def submit(
        self,
        audios: Sequence[AudioSource],
        *,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        extra_headers: Mapping[str, str] | None = None,
        **options: Any,
    ) -> BatchJob:
        # Read every source in worker threads first: the items need the whole audio, and a
        # file read on the event loop would stall every other task the caller runs.
        loaded = [await _read_all_async(audio) for audio in audios]
        items = [
            merge_body(self._make_item(data, **options), extra_body, model=self.model)
            for data in loaded
        ]
        call = build_submit(self.model, items, extra_query=extra_query, extra_headers=extra_headers)
        return attrs.evolve((await self._client.request(call)).parse(), inputs=len(items))

    async def poll(
        self,
        job: BatchJob | str,
        *,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> BatchJob | list[BatchOutcome[T]]:
        call = build_poll(
            self.model,
            job,
            self._parse_item,
            extra_query=extra_query,
            extra_body=extra_body,
            extra_headers=extra_headers,
        )
        return (await self._client.request(call)).parse()

    async def wait(
        self,
        job: BatchJob | str,
        *,
        timeout: float = 600.0,
        interval: float = 2.0,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        extra_headers: Mapping[str, str] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> list[BatchOutcome[T]]:
        deadline = time.monotonic() + timeout
        tracker = _tracker(job, on_progress)
        while True:
            with retries_reported_to(tracker.retried):
                state = await self.poll(
                    job, extra_query=extra_query, extra_body=extra_body, extra_headers=extra_headers
                )
            if isinstance(state, list):
                _finish(tracker, state)
                return state
            if time.monotonic() + interval > deadline:
                raise BatchTimeoutError(_timeout_message(state, timeout))
            await asyncio.sleep(interval)


def _tracker(job: BatchJob | str, on_progress: ProgressCallback | None) -> ProgressTracker:
    """Progress of a wait: the job's inputs when known (0 until the outcomes say otherwise)."""
    inputs = job.inputs if isinstance(job, BatchJob) else None
    tracker = ProgressTracker(on_progress, pieces=inputs or 0, audio_seconds=None)
    tracker.start()
    return tracker


def _finish(tracker: ProgressTracker, outcomes: Sequence[object]) -> None:
    tracker.set_total(len(outcomes))
    tracker.finish(audio_seconds_total=None)


def _timeout_message(state: BatchJob, timeout: float) -> str:
    return (
        f"batch {state.request_id} still {state.status} after {timeout:g} s; "
        f"call poll() or wait() again with request id {state.request_id!r}."
    )
