"""The asyncio loop around a sans-I/O recognizer: socket in, worker thread, socket out.

Three concerns meet here and nowhere else:

* **Back-pressure.** A reader task moves frames from the socket into an :class:`Inbox`
  bounded by ``ws_queued_audio_s`` of audio; while it has room the socket is read (and the
  client's pings answered) however far behind recognition is; when it is full the reader stops
  calling ``receive``, uvicorn pauses the transport, and TCP pushes back on the client. Whether a
  frame brings an interim is the recognizer's choice, by position in the audio, however fast
  the client sends; under overload the engine's scheduler drops interims, never finals.
* **The engine runs off the event loop**, in one worker thread per session, so a session's
  calls stay in order and a slow decode never blocks other connections. In skip mode
  (``batch_audio``) the audio frames already waiting go to the worker in one call, fed one by
  one as before: with no recognition, the thread hop per frame would be the main cost.
* **Endings**: ``CloseStream`` (1000), idle client (1011 ``NET-0001``; time the server spends
  working on the client's frames does not count), undecodable audio
  (1008 ``DATA-0000``), a fatal server error (flux first sends its ``Error`` message, then
  1011 ``INTERNAL_SERVER_ERROR``), injected faults (close, TCP abort, stall, fatal error),
  server shutdown: the frames
  already received are recognised, then the session ends as on ``CloseStream`` (last finals,
  Metadata) but closes with 1001, so a client knows to reconnect elsewhere. When that work
  cannot finish within the grace period (``grace_over``, set shortly before uvicorn would
  cancel the session and the client would see 1006), the session stops waiting for it and
  sends what it has without decoding (:meth:`Recognizer.cut_short`: nova-3's Metadata,
  flux's open turn ended), then closes 1001 all the same.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from starlette.websockets import WebSocket, WebSocketDisconnect

from ..engine import InferenceTimeout
from ..faults import SessionFault, WsCloseFault, WsErrorFault, WsSlowFault, WsStallFault
from .inbox import Gone, Idle, Inbox, Shutdown
from .protocol import (
    IDLE_REASON,
    INTERNAL_ERROR,
    INTERNAL_SERVER_ERROR,
    Close,
    Message,
    Recognizer,
    Step,
)

logger = logging.getLogger("cfasr_emulator.ws")

FATAL_MESSAGE_WAIT_S = 5.0
"""How long a fatal error's message waits for the recognizer call still running."""
GOING_AWAY = 1001
ABNORMAL_CLOSURE = 1006
"""Never sent on the wire: asking for it means dropping the TCP connection."""
SHUTDOWN_DRAIN_S = 0.1
"""On shutdown the reader keeps taking frames until the socket has been quiet this long, so
audio the client sent before the server began to stop is still recognised."""

T = TypeVar("T")


@attrs.frozen
class _Stall:
    pass


@attrs.frozen
class _Abort:
    pass


@attrs.frozen
class _CutShort:
    """The shutdown grace is ending before the session's work: what it has, then 1001."""


@attrs.frozen
class _Fatal:
    """A fatal server error: the protocol's error message (flux ``Error``), then 1011."""

    code: str = INTERNAL_SERVER_ERROR
    description: str = "the server failed while processing the stream"


_CLOSE_STREAM = json.dumps({"type": "CloseStream"})
"""Both protocols' own ending: what the session feeds its recognizer on server shutdown."""
_Ending = Close | Gone | _Stall | _Abort | _Fatal | _CutShort
_GOING_AWAY = Close(GOING_AWAY, "server shutting down")


class Session:
    """Runs one accepted WebSocket until it ends; returns how it ended via :meth:`run`."""

    def __init__(
        self,
        websocket: WebSocket,
        recognizer: Recognizer,
        *,
        audio_bytes_per_second: int,
        idle_timeout_s: float,
        queued_audio_s: float,
        fault: SessionFault | None = None,
        shutdown: asyncio.Event | None = None,
        grace_over: asyncio.Event | None = None,
        on_finish: Callable[[], None] | None = None,
        batch_audio: bool = False,
    ) -> None:
        self._ws = websocket
        self._recognizer = recognizer
        self._idle_timeout_s = idle_timeout_s
        self._inbox = Inbox(max(1, int(queued_audio_s * audio_bytes_per_second)))
        self._fault = fault
        self._shutdown = shutdown
        self._grace_over = grace_over
        self._cutting = False
        """The grace is ending: the processor stops at once, or after the send under way."""
        self._sending = False
        self._on_finish = on_finish
        self._batch_audio = batch_audio
        self._sent = 0
        self._busy = False
        self._active_at = 0.0
        self._ending: asyncio.Future[_Ending] | None = None
        self._worker = concurrent.futures.ThreadPoolExecutor(1, "cfasr-ws-recognizer")

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        self._ending = loop.create_future()
        reader = asyncio.create_task(self._read())
        reader.add_done_callback(self._reader_done)
        processor = asyncio.create_task(self._process())
        tasks = [reader, processor]
        if self._grace_over is not None:
            tasks.append(asyncio.create_task(self._cut_at_grace_end(processor)))
        if isinstance(self._fault, WsCloseFault) and self._fault.after_seconds is not None:
            tasks.append(asyncio.create_task(self._fault_after(self._fault.after_seconds)))
        self._check_fault()
        try:
            ending = await self._ending
            for task in tasks[1:]:
                task.cancel()
            if isinstance(ending, _Stall):
                ending = await self._stall(reader)
            reader.cancel()
            await self._finish(ending)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._worker.submit(self._recognizer.finish)
            if self._on_finish is not None:
                self._worker.submit(self._on_finish)
            self._worker.shutdown(wait=False)

    def _reader_done(self, reader: asyncio.Task[None]) -> None:
        """A reader that failed would leave nobody to notice the client leaving: end now."""
        if not reader.cancelled() and (error := reader.exception()) is not None:
            logger.error("streaming session reader failed", exc_info=error)
            self._end(_Fatal())

    def _end(self, ending: _Ending) -> None:
        if self._ending is not None and not self._ending.done():
            self._ending.set_result(ending)

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        self._active_at = loop.time()
        receive: asyncio.Future[Any] | None = None
        stopping = asyncio.ensure_future(self._shutdown.wait()) if self._shutdown else None
        try:
            while True:
                draining = self._shutdown is not None and self._shutdown.is_set()
                if draining:
                    wait = SHUTDOWN_DRAIN_S
                else:
                    wait = self._active_at + self._idle_timeout_s - loop.time()
                if receive is None:
                    receive = asyncio.ensure_future(self._ws.receive())
                waiters: set[asyncio.Future[Any]] = {receive}
                if stopping is not None and not draining:
                    waiters.add(stopping)
                done, _ = await asyncio.wait(
                    waiters, timeout=max(0.0, wait), return_when=asyncio.FIRST_COMPLETED
                )
                if receive not in done:
                    if draining:
                        # Every frame the client had sent is in: finish behind them.
                        await self._inbox.put(Shutdown())
                        return
                    if stopping is not None and stopping in done:
                        continue  # drain what the socket still holds, then finish
                    if self._busy or self._inbox.pending:
                        # The client is waiting for us, not idle.
                        self._active_at = loop.time()
                        continue
                    if loop.time() < self._active_at + self._idle_timeout_s:
                        continue  # Work finished meanwhile: the client gets a full window.
                    await self._inbox.put(Idle())
                    return
                message = receive.result()
                receive = None
                if message["type"] == "websocket.disconnect":
                    await self._inbox.put(Gone())
                    return
                data = message.get("bytes")
                text = message.get("text")
                if data is not None:
                    self._active_at = loop.time()
                    await self._inbox.put(data)
                elif text is not None:
                    if self._recognizer.keeps_alive(text):
                        self._active_at = loop.time()
                    await self._inbox.put(text)
        finally:
            for future in (receive, stopping):
                if future is not None:
                    future.cancel()

    async def _process(self) -> None:
        try:
            if not await self._send(await self._call(self._recognizer.opening, slow=False)):
                return
            while True:
                if self._ending is not None and self._ending.done():
                    return  # What is still queued (the client leaving) belongs to _stall.
                if self._cutting:
                    self._end(_CutShort())
                    return
                item = await self._inbox.get()
                if isinstance(item, Idle):
                    self._end(Close(INTERNAL_ERROR, IDLE_REASON))
                    return
                if isinstance(item, Gone):
                    self._end(Gone())
                    return
                if isinstance(item, Shutdown):
                    await self._finish_for_shutdown()
                    return
                if isinstance(item, bytes):
                    step = await self._call(await self._audio_feed(item))
                else:
                    step = await self._call(
                        functools.partial(self._recognizer.feed_text, item),
                        activity=self._recognizer.keeps_alive(item),
                    )
                if not await self._send(step):
                    return
                if step.close is not None:
                    self._end(step.close)
                    return
        except asyncio.CancelledError:
            if not self._cutting:
                raise
            self._end(_CutShort())  # Cancelled by _cut_at_grace_end: the work is given up.
        except InferenceTimeout as timeout:
            # A configured limit doing its job, not a bug: no traceback.
            logger.warning("streaming session ended: %s", timeout)
            self._end(_Fatal(description=str(timeout)))
        except Exception:
            # Only a failed send means the client left; anything else is our own bug.
            logger.exception("streaming session failed")
            self._end(_Fatal())

    async def _audio_feed(self, first: bytes) -> Callable[[], Step]:
        """The worker call for ``first`` (and, with ``batch_audio``, the audio queued behind it).

        Interim work is always allowed: how much audio waits behind a frame depends on how
        fast the client sends, and interims are decided by position in the audio instead.
        """
        if not self._batch_audio:
            return functools.partial(self._recognizer.feed_audio, first, allow_interim=True)
        frames = [first, *await self._inbox.take_waiting_audio()]
        if len(frames) == 1:
            return functools.partial(self._recognizer.feed_audio, first, allow_interim=True)
        return functools.partial(self._feed_batch, frames)

    def _feed_batch(self, frames: list[bytes]) -> Step:
        messages: list[Message] = []
        for data in frames:
            step = self._recognizer.feed_audio(data, allow_interim=True)
            messages += step.messages
            if step.close is not None:
                return Step(tuple(messages), step.close)
        return Step(tuple(messages))

    async def _call(self, func: Callable[[], T], *, activity: bool = True, slow: bool = True) -> T:
        """``func`` on the session's worker thread; ``slow``: a ``ws-slow`` fault delays it
        (every recognition step; the opening is none)."""
        loop = asyncio.get_running_loop()
        self._busy = True
        try:
            if slow and isinstance(self._fault, WsSlowFault):
                await asyncio.sleep(self._fault.seconds)
            return await loop.run_in_executor(self._worker, func)
        finally:
            self._busy = False
            if activity:
                # The idle window restarts when our work ends, not when the client spoke.
                self._active_at = loop.time()

    async def _cut_at_grace_end(self, processor: asyncio.Task[None]) -> None:
        """When the grace is ending, stop waiting for frames or work: cancel the processor
        (a worker call still running is left to finish unseen), or, while it sends a step,
        let it end after that step (a step is never half sent)."""
        assert self._grace_over is not None
        await self._grace_over.wait()
        self._cutting = True
        if not self._sending:
            processor.cancel()

    async def _send(self, step: Step) -> bool:
        """Send ``step``'s messages; ``False`` (and the session ends) if the client has left."""
        self._sending = True
        try:
            return await self._send_all(step)
        finally:
            self._sending = False

    async def _send_all(self, step: Step) -> bool:
        for message in step.messages:
            if self._ending is not None and self._ending.done():
                return True
            try:
                await self._ws.send_text(json.dumps(message))
            except (WebSocketDisconnect, OSError, RuntimeError):
                # Starlette raises RuntimeError for a send after the close handshake.
                self._end(Gone())
                return False
            self._sent += 1
            self._check_fault()
        return True

    def _check_fault(self) -> None:
        fault = self._fault
        if isinstance(fault, WsStallFault) and self._sent >= fault.after_messages:
            self._end(_Stall())
        elif isinstance(fault, WsErrorFault) and self._sent >= fault.after_messages:
            self._end(_Fatal(fault.code, "emulator fault: injected fatal error"))
        elif isinstance(fault, WsCloseFault):
            after = fault.after_messages
            if (after is None and fault.after_seconds is None) or (
                after is not None and self._sent >= after
            ):
                self._end(self._fault_close(fault))

    @staticmethod
    def _fault_close(fault: WsCloseFault) -> _Ending:
        return _Abort() if fault.code == ABNORMAL_CLOSURE else Close(fault.code, fault.reason)

    async def _fault_after(self, delay: float) -> None:
        await asyncio.sleep(delay)
        assert isinstance(self._fault, WsCloseFault)
        self._end(self._fault_close(self._fault))

    async def _finish_for_shutdown(self) -> None:
        step = await self._call(functools.partial(self._recognizer.feed_text, _CLOSE_STREAM))
        if await self._send(Step(step.messages)):
            self._end(_GOING_AWAY)

    async def _stall(self, reader: asyncio.Task[None]) -> _Ending:
        """Send nothing more; keep draining the socket until the client leaves or idles, or
        the server stops. Once the reader has ended and its last item is taken, nobody will
        queue another: waiting on the inbox then would hold the session's slot forever."""
        while True:
            if reader.done() and not self._inbox.pending:
                return Gone()
            getting = asyncio.ensure_future(self._inbox.get())
            await asyncio.wait({getting, reader}, return_when=asyncio.FIRST_COMPLETED)
            if not getting.done():
                getting.cancel()
                continue
            item = getting.result()
            if isinstance(item, Gone):
                return item
            if isinstance(item, Idle):
                return Close(INTERNAL_ERROR, IDLE_REASON)
            if isinstance(item, Shutdown):
                return _GOING_AWAY

    async def _finish(self, ending: _Ending) -> None:
        if isinstance(ending, Gone):
            return
        if isinstance(ending, _Abort):
            if abort_transport(self._ws):
                return
            ending = Close(INTERNAL_ERROR, "connection abort unsupported by this server")
        if isinstance(ending, _Fatal):
            ending = await self._send_fatal(ending)
        if isinstance(ending, _CutShort):
            # On the loop: the worker may still be busy with the call given up on.
            for message in self._recognizer.cut_short().messages:
                with contextlib.suppress(WebSocketDisconnect, OSError, RuntimeError):
                    await self._ws.send_text(json.dumps(message))
            ending = _GOING_AWAY
        assert isinstance(ending, Close)
        with contextlib.suppress(WebSocketDisconnect, OSError, RuntimeError):
            await self._ws.close(ending.code, ending.reason)

    async def _send_fatal(self, fatal: _Fatal) -> Close:
        """Send the protocol's error message (after any recognizer call still running, on
        the same worker thread); the close that follows is 1011 with the code as reason."""
        loop = asyncio.get_running_loop()
        call = functools.partial(self._recognizer.fatal, fatal.code, fatal.description)
        try:
            step = await asyncio.wait_for(
                loop.run_in_executor(self._worker, call), FATAL_MESSAGE_WAIT_S
            )
        except TimeoutError:  # The worker is stuck (that may be the failure): close anyway.
            step = Step()
        for message in step.messages:
            with contextlib.suppress(WebSocketDisconnect, OSError, RuntimeError):
                await self._ws.send_text(json.dumps(message))
        return Close(INTERNAL_ERROR, fatal.code)


def abort_transport(websocket: WebSocket) -> bool:
    """Drop the TCP connection without a close frame (the client sees 1006).

    ASGI has no abort message, so this reaches uvicorn's protocol object through the bound
    ``receive`` callable. Returns False when the server is not uvicorn-like.
    """
    receive: Any = getattr(websocket, "_receive", None)
    transport = getattr(getattr(receive, "__self__", None), "transport", None)
    abort = getattr(transport, "abort", None)
    if abort is None:
        return False
    abort()
    return True
