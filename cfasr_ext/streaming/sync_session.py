"""The blocking twin of the asyncio session: same methods, same events.

It runs the one asyncio implementation on a private event loop in a daemon thread and waits
for each call, so sync and async behave identically (httpx-style: logic once, I/O twice).
"""

from __future__ import annotations

import asyncio
import collections
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from cfasr_ext._errors import CfasrError
from cfasr_ext.streaming import events as ev
from cfasr_ext.streaming.audio_file import DEFAULT_CHUNK_SECONDS
from cfasr_ext.streaming.errors import StreamStateError
from cfasr_ext.streaming.protocol import StreamState
from cfasr_ext.streaming.session import AsyncFluxStream, AsyncNova3Stream, AsyncStream
from cfasr_ext.transcript import Transcript

__all__ = ["FluxStream", "Nova3Stream", "Stream"]

_T = TypeVar("_T")
_A = TypeVar("_A", bound=AsyncStream)


class _LoopThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="cfasr-stream", daemon=True
        )
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


async def _build(factory: Callable[[], _A]) -> _A:
    return factory()


class Stream(Generic[_A]):
    """A live transcription session for blocking code. Use `with`, `send()` audio, iterate
    events (from another thread while sending, or after `close()`), then `close()`."""

    def __init__(self, factory: Callable[[], _A]) -> None:
        self._runner = _LoopThread()
        try:
            self._async: _A = self._runner.run(_build(factory))
        except BaseException:
            self._runner.stop()
            raise
        self._leftover: collections.deque[ev.StreamEvent] | None = None
        self._pending_failure: CfasrError | None = None

    @property
    def model(self) -> str:
        return self._async.model

    @property
    def state(self) -> StreamState:
        return self._async.state

    @property
    def audio_seconds(self) -> float:
        return self._async.audio_seconds

    def _call(self, coro: Coroutine[Any, Any, _T]) -> _T:
        if self._leftover is not None:
            coro.close()
            raise StreamStateError("this stream is closed.")
        return self._runner.run(coro)

    def connect(self) -> Self:
        """Open the WebSocket (see `AsyncStream.connect` for the errors)."""
        try:
            self._call(self._async.connect())
        except BaseException:
            self._runner.stop()
            raise
        return self

    def __enter__(self) -> Self:
        return self.connect()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self._leftover is None:
                if exc_type is None:
                    self._call(self._async.close())
                else:
                    self._call(self._async.abort())
        finally:
            self._shutdown()

    def send(self, chunk: bytes | bytearray | memoryview) -> None:
        """Send one audio chunk; blocks while the send queue is full (back-pressure)."""
        self._call(self._async.send(chunk))

    def send_file(
        self,
        path: str | Path,
        *,
        realtime: bool = False,
        chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
    ) -> float:
        """Decode and send an audio file (see `AsyncStream.send_file`)."""
        return self._call(
            self._async.send_file(path, realtime=realtime, chunk_seconds=chunk_seconds)
        )

    def close(self) -> None:
        """Send CloseStream and wait for every remaining result (see `AsyncStream.close`)."""
        self._call(self._async.close())

    def abort(self) -> None:
        self._call(self._async.abort())

    def transcript(self) -> Transcript:
        return self._async.transcript()

    def __iter__(self) -> Iterator[ev.StreamEvent]:
        return self

    def __next__(self) -> ev.StreamEvent:
        if self._leftover is None:
            try:
                return self._runner.run(self._async.__anext__())
            except StopAsyncIteration:
                self._shutdown()
                raise StopIteration from None
        if self._leftover:
            return self._leftover.popleft()
        if self._pending_failure is not None:
            failure, self._pending_failure = self._pending_failure, None
            raise failure
        raise StopIteration

    def _shutdown(self) -> None:
        """Keep unread events (and an unraised failure) readable, then stop the loop."""
        if self._leftover is not None:
            return
        try:
            remaining = self._runner.run(self._async._drain_events())
        finally:
            self._runner.stop()
        self._leftover = collections.deque(remaining)
        if self._async._failure is not None and not self._async._failure_raised:
            self._pending_failure = self._async._failure


class Nova3Stream(Stream[AsyncNova3Stream]):
    """Blocking nova-3 / nova-3-internal session."""

    def finalize(self, *, channel: int | None = None) -> None:
        """Ask the server to flush what it has buffered now."""
        self._call(self._async.finalize(channel=channel))


class FluxStream(Stream[AsyncFluxStream]):
    """Blocking flux session."""

    def configure(
        self,
        *,
        eager_eot_threshold: float | None = None,
        eot_threshold: float | None = None,
        eot_timeout_ms: int | None = None,
        keyterms: list[str] | None = None,
    ) -> None:
        """Change turn thresholds or keyterms mid-stream."""
        self._call(
            self._async.configure(
                eager_eot_threshold=eager_eot_threshold,
                eot_threshold=eot_threshold,
                eot_timeout_ms=eot_timeout_ms,
                keyterms=keyterms,
            )
        )

    def force_end_turn(self) -> None:
        """End the current turn now."""
        self._call(self._async.force_end_turn())
