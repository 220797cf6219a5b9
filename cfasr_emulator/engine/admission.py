"""Bounded admission, so overload turns into an immediate 429 rather than an ever-growing queue.

Interactive work (a REST request) comes before background work (a queued batch's items):
background admissions take at most half of the slots, and once an interactive request has
been refused, none for ``FOREGROUND_HOLD_S``, so the slot freed next is there when the
refused caller comes back after its Retry-After. Batch items retry every few milliseconds
while a refused client waits a second: before this, 100 queued batches held every slot and
such a client got 429 on 60 tries of 60 (issue 29, item 3).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from types import TracebackType

from .failures import EngineBusy

FOREGROUND_HOLD_S = 3.0
"""After refusing an interactive request, how long background work may take no slot: longer
than the Retry-After the refusal carries (1 s, ``error_envelope.CAPACITY_RETRY_AFTER_S``),
with room for a client on a loaded machine; a test checks the order of the two."""


class Admission:
    """One reserved slot. Pass it to ``transcribe`` so decoding and recognition share it.

    It is a plain object rather than thread-local state because the HTTP layer may admit on
    the event-loop thread and run recognition on a worker thread. It also says who is asking
    (``owner``, ``interim``), so the engine's :class:`~.scheduler.FairScheduler` can share
    the compute fairly between REST and every stream.
    """

    def __init__(
        self,
        gate: AdmissionGate | None,
        *,
        owner: Hashable = "rest",
        interim: bool = False,
        cancelled: threading.Event | None = None,
        background: bool = False,
    ) -> None:
        self._gate = gate
        self.owner = owner
        self.interim = interim
        self.background = background
        """Background work (a batch item): admitted and scheduled after interactive work."""
        self.cancelled = cancelled
        self._released = False
        self._lock = threading.Lock()

    @classmethod
    def for_stream(
        cls, owner: Hashable, *, interim: bool, cancelled: threading.Event | None = None
    ) -> Admission:
        """A stream's decode: not counted at the REST gate (a stream's own back-pressure is
        its socket), queued fairly against REST and the other streams."""
        return cls(None, owner=owner, interim=interim, cancelled=cancelled)

    def release(self) -> None:
        """Idempotent, so a ``with`` block and an explicit release cannot double-free a slot."""
        with self._lock:
            if self._released:
                return
            self._released = True
        if self._gate is not None:
            self._gate._release(self.background)

    @property
    def released(self) -> bool:
        return self._released

    def __enter__(self) -> Admission:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class AdmissionGate:
    """Counts requests that are running or waiting; refuses, never blocks, once full."""

    def __init__(self, capacity: int, *, hold_s: float = FOREGROUND_HOLD_S) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity = capacity
        self._in_use = 0
        self._background = 0
        self._hold_s = hold_s
        self._held_until = 0.0
        """``time.monotonic()`` until which background work is refused: an interactive
        caller was turned away and will be back."""
        self._lock = threading.Lock()

    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def in_use(self) -> int:
        return self._in_use

    @property
    def background_limit(self) -> int:
        """Slots background work may hold at once: half, so interactive work finds one."""
        return max(1, self._capacity // 2)

    def try_admit(self, *, background: bool = False) -> Admission | None:
        """Non-raising variant for callers that prefer to branch on ``None``; ``background``
        work is admitted only as the module docstring says."""
        with self._lock:
            now = time.monotonic()
            if background:
                if (
                    self._in_use >= self._capacity
                    or self._background >= self.background_limit
                    or now < self._held_until
                ):
                    return None
                self._background += 1
            elif self._in_use >= self._capacity:
                self._held_until = now + self._hold_s
                return None
            else:
                self._held_until = 0.0  # The caller is served: background work may go on.
            self._in_use += 1
        return Admission(self, background=background)

    def admit(self) -> Admission:
        """Reserve a slot or raise :class:`EngineBusy` at once (maps to HTTP 429 / code 3040)."""
        admission = self.try_admit()
        if admission is None:
            raise EngineBusy(
                f"speech engine is busy ({self._capacity} requests already running or queued)"
            )
        return admission

    def _release(self, background: bool) -> None:
        with self._lock:
            self._in_use -= 1
            if background:
                self._background -= 1
