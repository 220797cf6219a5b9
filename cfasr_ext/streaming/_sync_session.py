"""The blocking twin of the asyncio session: same methods, same events.

It runs the one asyncio implementation on a private event loop in a daemon thread and waits
for each call, so sync and async behave identically (httpx-style: logic once, I/O twice).

The thread exists only while a session is open: `connect()` (or `with`) starts it, and
`close()`, `abort()` or leaving the `with` block stop it, once, whichever thread gets there
first. A reader iterating events in another thread is never the one that stops it: when the
loop goes away under it, it finishes with the events the shutdown kept. A session dropped
without closing is stopped by a finalizer. No wait during shutdown is unbounded.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import threading
import weakref
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from cfasr_ext._audio_decoder import DEFAULT_CHUNK_SECONDS
from cfasr_ext._errors import CfasrError
from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._async_session import AsyncFluxStream, AsyncNova3Stream, AsyncStream
from cfasr_ext.streaming._protocol import StreamState
from cfasr_ext.streaming._stream_errors import StreamStateError
from cfasr_ext.transcript import Transcript

__all__ = ["FluxStream", "Nova3Stream", "Stream"]

_T = TypeVar("_T")
_A = TypeVar("_A", bound=AsyncStream)

SHUTDOWN_TIMEOUT = 10.0
"""Seconds each shutdown step (collect unread events, cancel tasks, join the thread) may take;
websockets' own close handshake timeout is 10 s, so a dead peer still fits."""
_POLL_SECONDS = 0.2  # how often a waiting caller checks that the loop thread is still alive


class _LoopStopped(Exception):
    """The loop stopped before the submitted call finished (the session was shut down)."""


class _LoopThread:
    """A private event loop running in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, name="cfasr-stream", daemon=True
        )
        self.thread.start()

    def submit(self, coro: Coroutine[Any, Any, _T]) -> concurrent.futures.Future[_T]:
        """Schedule `coro` on the loop; raises `_LoopStopped` (closing `coro`) if it is gone."""
        if not self.thread.is_alive() or self.loop.is_closed():
            coro.close()
            raise _LoopStopped
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def wait(self, future: concurrent.futures.Future[_T], timeout: float | None = None) -> _T:
        """The call's result. Raises `_LoopStopped` if the call was cancelled or the loop
        thread ended first, and `TimeoutError` after `timeout` seconds (None: no limit, but
        a stopped loop is still noticed within `_POLL_SECONDS`)."""
        waited = 0.0
        while not future.done():
            concurrent.futures.wait([future], timeout=_POLL_SECONDS)
            waited += _POLL_SECONDS
            if future.done():
                break
            if not self.thread.is_alive():
                future.cancel()
                raise _LoopStopped
            if timeout is not None and waited >= timeout:
                future.cancel()
                raise TimeoutError
        try:
            return future.result()
        except concurrent.futures.CancelledError:
            raise _LoopStopped from None

    def run(self, coro: Coroutine[Any, Any, _T], timeout: float | None = None) -> _T:
        return self.wait(self.submit(coro), timeout)

    def stop(self) -> None:
        """Cancel what still runs, stop the loop, join the thread, close the loop; each step
        bounded by SHUTDOWN_TIMEOUT. Safe to call more than once and from any thread."""
        if threading.current_thread() is self.thread:  # a finalizer run by GC on the loop
            self.loop.stop()
            return
        if self.thread.is_alive():
            with contextlib.suppress(_LoopStopped, TimeoutError):
                self.run(_wind_down(), SHUTDOWN_TIMEOUT)
            if not self.loop.is_closed():
                self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(SHUTDOWN_TIMEOUT)
        if not self.thread.is_alive() and not self.loop.is_closed():
            self.loop.close()


async def _wind_down() -> None:
    """Cancel every other task (waiting readers and senders wake with `_LoopStopped`) and
    end the loop's executor threads, so nothing outlives the session."""
    current = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    loop = asyncio.get_running_loop()
    await loop.shutdown_asyncgens()
    await loop.shutdown_default_executor()


class Stream(Generic[_A]):
    """A live transcription session for blocking code. Use `with`, `send()` audio, and
    iterate events, either in another thread while sending or after `close()`; the events
    not yet read when the session closes stay readable. Close it from the sending thread."""

    def __init__(self, factory: Callable[[], _A]) -> None:
        self._async: _A = factory()  # builds no loop yet: invalid options raise right here
        self._lock = threading.Lock()
        self._runner: _LoopThread | None = None
        self._finalizer: weakref.finalize[[], object] | None = None
        self._leftover: collections.deque[ev.StreamEvent] | None = None  # set once shut down
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

    def _await(self, coro: Coroutine[Any, Any, _T]) -> _T:
        """Run `coro` on the session's loop and wait for it; raises `_LoopStopped` if the
        session is shut down, before or during the call. Submitting under the lock means a
        shutdown either cancels the call or happened wholly before it."""
        with self._lock:
            runner = self._runner
            if self._leftover is not None:
                coro.close()
                raise _LoopStopped
            if runner is None:
                coro.close()
                raise StreamStateError("the stream is not connected; use `with` or connect().")
            future = runner.submit(coro)
        return runner.wait(future)

    def _call(self, coro: Coroutine[Any, Any, _T]) -> _T:
        try:
            return self._await(coro)
        except _LoopStopped:
            raise StreamStateError("this stream is closed; open a new one.") from None

    def connect(self) -> Self:
        """Open the WebSocket (see `AsyncStream.connect` for the errors). Starts the thread
        the session runs on; a failed connect stops it again."""
        with self._lock:
            if self._leftover is not None:
                raise StreamStateError("this stream is closed; open a new one.")
            if self._runner is None:
                self._runner = _LoopThread()
                self._finalizer = weakref.finalize(self, self._runner.stop)
        try:
            self._call(self._async.connect())
        except BaseException:
            if self._async._supervisor is None:  # not connected: nothing to keep running
                self._shutdown()
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
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def send(self, chunk: bytes | bytearray | memoryview) -> None:
        """Send one audio chunk; blocks while the socket and the send queue are full."""
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
        """Send CloseStream, wait for every remaining result (see `AsyncStream.close`), then
        stop the session's thread. Closing a closed stream does nothing."""
        self._end(self._async.close())

    def abort(self) -> None:
        """Drop the connection now without waiting for results, and stop the thread."""
        if self._runner is None:  # never connected: nothing to drop
            self._shutdown()
            return
        self._end(self._async.abort())

    def _end(self, coro: Coroutine[Any, Any, None]) -> None:
        try:
            with contextlib.suppress(_LoopStopped):  # another thread shut it down first
                self._await(coro)
        finally:
            self._shutdown()

    def transcript(self) -> Transcript:
        return self._async.transcript()

    def __iter__(self) -> Iterator[ev.StreamEvent]:
        return self

    def __next__(self) -> ev.StreamEvent:
        try:
            return self._await(self._async.__anext__())
        except StopAsyncIteration:
            raise StopIteration from None
        except _LoopStopped:
            pass  # shut down, maybe while waiting: the unread events are in the leftover
        with self._lock:
            if self._leftover:
                return self._leftover.popleft()
            if self._pending_failure is not None:
                failure, self._pending_failure = self._pending_failure, None
                raise failure
        raise StopIteration

    def _shutdown(self) -> None:
        """Keep unread events (and an unraised failure) readable, then stop the loop. Runs
        once: the lock makes a racing second caller wait for the first, then return."""
        with self._lock:
            if self._leftover is not None:
                return
            remaining: list[ev.StreamEvent] = []
            runner = self._runner
            try:
                if runner is not None:
                    remaining = runner.run(self._async._drain_events(), SHUTDOWN_TIMEOUT)
            except (_LoopStopped, TimeoutError):
                pass
            finally:
                if self._finalizer is not None:
                    self._finalizer()  # runner.stop(), at most once
                self._leftover = collections.deque(remaining)
            failure = self._async._failure
            if failure is not None and not self._async._failure_raised:
                self._pending_failure = failure


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
