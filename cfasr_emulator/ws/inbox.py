"""The frames a streaming session has read from its socket and not yet recognised.

Bounded by seconds of audio (``ws_queued_audio_s``) and by a count of text frames: while
there is room the session keeps reading its socket, so the client's pings are answered even
when recognition is behind; past the bound it stops reading and TCP pushes back on the client.
The reader's verdicts on the client (gone, idle, server shutting down) travel in the same
queue, behind the frames that came before them.
"""

from __future__ import annotations

import asyncio
import collections

import attrs

MAX_QUEUED_TEXT = 64


@attrs.frozen
class Idle:
    pass


@attrs.frozen
class Gone:
    pass


@attrs.frozen
class Shutdown:
    pass


Item = bytes | str | Idle | Gone | Shutdown


class Inbox:
    """Frames waiting for the recognizer, bounded by audio bytes and by text-frame count."""

    def __init__(self, max_audio_bytes: int) -> None:
        self._items: collections.deque[Item] = collections.deque()
        self._changed = asyncio.Condition()
        self._max_audio_bytes = max_audio_bytes
        self.audio_bytes = 0

    async def put(self, item: Item) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._has_room(item))
            self._items.append(item)
            if isinstance(item, bytes):
                self.audio_bytes += len(item)
            self._changed.notify_all()

    async def get(self) -> Item:
        async with self._changed:
            await self._changed.wait_for(lambda: bool(self._items))
            item = self._items.popleft()
            if isinstance(item, bytes):
                self.audio_bytes -= len(item)
            self._changed.notify_all()
            return item

    async def take_waiting_audio(self) -> list[bytes]:
        """The audio frames at the front of the inbox, without waiting for more."""
        async with self._changed:
            taken: list[bytes] = []
            while self._items and isinstance(data := self._items[0], bytes):
                self._items.popleft()
                self.audio_bytes -= len(data)
                taken.append(data)
            if taken:
                self._changed.notify_all()
            return taken

    @property
    def pending(self) -> int:
        return len(self._items)

    def _has_room(self, item: Item) -> bool:
        if isinstance(item, bytes):
            # An empty inbox always takes a frame, however large, so nothing deadlocks.
            return not self._items or self.audio_bytes + len(item) <= self._max_audio_bytes
        if isinstance(item, str):
            return len(self._items) < MAX_QUEUED_TEXT
        return True
