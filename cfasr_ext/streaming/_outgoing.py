"""The outgoing half of a session: frames reach the socket in the order they were sent, most of
them without a task hop, and `send()` waits while a bounded amount is waiting (back-pressure).

A frame is written straight from the caller's task when the socket can take it: nothing is
queued, no earlier write is still waiting for the socket's buffer to drain, and the
connection is open with its resend done. websockets writes a frame to the transport before
its first await, so a direct write lands after every earlier one. Otherwise the frame joins a
bounded queue that the connection's writer task empties in order (sending keepalives while
idle); when the queue is full, the caller waits for room. While the stream reconnects,
everything queues until the new connection has resent the audio no final result covers.

The ledger sees a frame when it is framed for the socket (`StreamProtocol.audio`), which is
also when it is written, so ledger order is wire order and a frame cut off by a dropped
connection is resent from the ledger like any other.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Literal

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

from cfasr_ext.streaming._protocol import Frame, StreamProtocol, StreamState

__all__ = ["Item", "Outgoing"]

YIELD_EVERY = 8
"""Frames written between chances for the event loop to run other tasks. A websockets server
queues 16 incoming messages (its default `max_queue`) before it stops reading: a server that
stops reading to close the connection must still find our reply to its close, so at most half
that many frames go out before the reader can see the close."""

Item = tuple[Literal["audio", "text", "close"], bytes | str | None]


class Outgoing:
    """The send path of one session, across its connections."""

    def __init__(self, protocol: StreamProtocol, max_queued: int) -> None:
        self.protocol = protocol
        self.queue: asyncio.Queue[Item] = asyncio.Queue(max_queued)
        self._clock: Callable[[], float] = time.monotonic  # replaced by the loop's clock
        self._socket: ClientConnection | None = None  # set while direct writes may go to it
        self._draining = 0  # writes waiting for the socket's buffer to drain
        self._waiting = 0  # callers waiting for room in the queue (they go first)
        self._carry: Item | None = None  # taken off the queue just as the connection dropped
        self._direct = 0  # writes since the last yield to the event loop

    def _writable(self) -> ClientConnection | None:
        """The socket, if a frame may be written to it now without breaking order."""
        ws = self._socket
        if (
            ws is None
            or self._draining
            or self._waiting
            or self.queue.qsize()
            or self.protocol.state is not StreamState.OPEN
            or ws.state is not State.OPEN
        ):
            return None
        return ws

    def open(self, ws: ClientConnection) -> None:
        """Let callers write to `ws` directly: at once on a first connection (nothing to
        resend), after the resend on a new one."""
        self._clock = asyncio.get_running_loop().time  # the session's clock, looked up once
        self._socket = ws

    def close(self) -> None:
        """No more direct writes to this connection's socket (it is over)."""
        self._socket = None

    async def audio(self, data: bytes, supervisor: asyncio.Task[None]) -> bool:
        """Send an audio chunk now or queue it. The hot path of a session: `_writable` and
        `_write_now` are written out here, and no item is built for a direct write."""
        ws = self._socket
        if (
            ws is None
            or self._draining
            or self._waiting
            or self.queue.qsize()
            or self.protocol.state is not StreamState.OPEN
            or ws.state is not State.OPEN
        ):
            return await self.put(("audio", data), supervisor)
        frame = self.protocol.audio(data, self._clock())
        self._draining += 1
        try:
            await ws.send(frame)
        except ConnectionClosed:
            return True  # as in _write_now
        finally:
            self._draining -= 1
        self._direct += 1
        if self._direct >= YIELD_EVERY:
            # The socket may take every chunk at once: let the reader and the caller's other
            # tasks run now and then (see YIELD_EVERY).
            self._direct = 0
            await asyncio.sleep(0)
        return True

    async def put(self, item: Item, supervisor: asyncio.Task[None]) -> bool:
        """Send `item` now or queue it, waiting while the queue is full. False if the stream
        ended (`supervisor` finished) before there was room."""
        ws = self._writable()
        if ws is not None:
            await self._write_now(ws, self._frame(item))
            return True
        if not self.queue.full():
            self.queue.put_nowait(item)
            return True
        self._waiting += 1
        put = asyncio.ensure_future(self.queue.put(item))
        try:
            await asyncio.wait({put, supervisor}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._waiting -= 1
            if not put.done():
                put.cancel()
        return put.done() and not put.cancelled()

    async def _write_now(self, ws: ClientConnection, frame: Frame) -> None:
        self._draining += 1
        try:
            await ws.send(frame)
        except ConnectionClosed:
            # The reader sees the same close; the supervisor then reconnects and resends this
            # frame from the ledger (or CloseStream after a resume), or reports the failure.
            return
        finally:
            self._draining -= 1

    async def _send(self, ws: ClientConnection, frame: Frame) -> None:
        self._draining += 1
        try:
            await ws.send(frame)
        finally:
            self._draining -= 1

    def _frame(self, item: Item) -> Frame:
        kind, payload = item
        now = self._clock()
        if kind == "audio":
            assert isinstance(payload, bytes)
            return self.protocol.audio(payload, now)
        if kind == "close":
            return self.protocol.close_stream(now)
        assert isinstance(payload, str)
        return payload

    async def run(self, ws: ClientConnection, resend: list[Frame]) -> None:
        """The writer task of one connection: write `resend`, then let callers write directly
        and write what they queue, in order, plus keepalives when nothing is sent. Ends when
        cancelled or the connection has ended (then it may raise `ConnectionClosed`)."""
        self._clock = asyncio.get_running_loop().time
        for frame in resend:
            await self._send(ws, frame)
        try:
            if self._carry is not None:
                item, self._carry = self._carry, None
                await self._send(ws, self._frame(item))
            self.open(ws)
            queue = self.queue
            while True:
                if queue.qsize():
                    self._direct += 1
                    if self._direct >= YIELD_EVERY:  # a full queue is a burst too
                        self._direct = 0
                        await asyncio.sleep(0)  # the item stays queued, ahead of any caller
                        continue
                    item = queue.get_nowait()
                else:
                    next_item = await self._next(ws)
                    if next_item is None:
                        continue
                    item = next_item
                if self.protocol.state is StreamState.CLOSED:
                    # The reader has just seen the connection end: keep the item for the next.
                    self._carry = item
                    return
                await self._send(ws, self._frame(item))
        finally:
            self.close()

    async def _next(self, ws: ClientConnection) -> Item | None:
        """The next queued item, or None after writing a keepalive that fell due first."""
        due = self.protocol.next_keepalive_at()
        if due is None:
            return await self.queue.get()
        try:
            async with asyncio.timeout_at(due):  # the clock is the event loop's
                return await self.queue.get()
        except TimeoutError:
            keepalive = self.protocol.keepalive(self._clock())
            if keepalive is not None:
                await self._send(ws, keepalive)
            return None
