"""Audio accounting for one logical stream: bytes sent ↔ seconds, and the resend buffer.

The ledger remembers the audio sent since the last point a final result covers, so that after
a dropped connection exactly that audio can be sent again on a new one. Memory is bounded by
`max_seconds`; past it the oldest audio is forgotten and a resume can no longer be lossless.
"""

from __future__ import annotations

import collections

__all__ = ["AudioLedger"]


class AudioLedger:
    """Bytes sent, bytes covered by final results, and the uncovered audio in between."""

    def __init__(
        self, *, bytes_per_second: int | None, frame_bytes: int, max_seconds: float
    ) -> None:
        self.bytes_per_second = bytes_per_second
        self.frame_bytes = max(1, frame_bytes)
        self.total_bytes = 0
        self.start_bytes = 0  # logical offset of the first byte still buffered
        self.lossless = True
        self._chunks: collections.deque[bytes] = collections.deque()
        self._buffered = 0
        self._max_bytes = (
            0 if bytes_per_second is None else self._align(int(max_seconds * bytes_per_second))
        )

    def _align(self, count: int) -> int:
        return count - count % self.frame_bytes

    def seconds(self, count: int) -> float:
        """Audio seconds in `count` bytes (0 when the encoding has no fixed byte rate)."""
        return count / self.bytes_per_second if self.bytes_per_second else 0.0

    @property
    def total_seconds(self) -> float:
        return self.seconds(self.total_bytes)

    @property
    def start_seconds(self) -> float:
        """Where a resumed connection's time zero falls on the session timeline."""
        return self.seconds(self.start_bytes)

    @property
    def buffered_seconds(self) -> float:
        return self.seconds(self._buffered)

    def record(self, data: bytes) -> None:
        """Count audio handed to the socket and keep it until a final result covers it."""
        self.total_bytes += len(data)
        if self.bytes_per_second is None:
            return
        self._chunks.append(data)
        self._buffered += len(data)
        if self._buffered > self._max_bytes:
            self.lossless = False
            self._drop(self._buffered - self._max_bytes)

    def commit(self, seconds: float) -> None:
        """A final result covers the audio up to `seconds` (session timeline): forget it."""
        if self.bytes_per_second is None:
            return
        upto = min(self.total_bytes, self._align(int(seconds * self.bytes_per_second)))
        if upto > self.start_bytes:
            self._drop(upto - self.start_bytes)

    def _drop(self, count: int) -> None:
        count = self._align(count)
        self.start_bytes += count
        self._buffered -= count
        while count:
            head = self._chunks[0]
            if len(head) <= count:
                self._chunks.popleft()
                count -= len(head)
            else:
                self._chunks[0] = head[count:]
                count = 0

    def pending(self) -> list[bytes]:
        """The uncovered audio, in order, as it must be sent again after a reconnect."""
        return list(self._chunks)
