"""Bounded admission, so overload turns into an immediate 429 rather than an ever-growing queue."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from types import TracebackType

from .failures import EngineBusy


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
    ) -> None:
        self._gate = gate
        self.owner = owner
        self.interim = interim
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
            self._gate._release()

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

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity = capacity
        self._in_use = 0
        self._lock = threading.Lock()

    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def in_use(self) -> int:
        return self._in_use

    def try_admit(self) -> Admission | None:
        """Non-raising variant for callers that prefer to branch on ``None``."""
        with self._lock:
            if self._in_use >= self._capacity:
                return None
            self._in_use += 1
        return Admission(self)

    def admit(self) -> Admission:
        """Reserve a slot or raise :class:`EngineBusy` at once (maps to HTTP 429 / code 3040)."""
        admission = self.try_admit()
        if admission is None:
            raise EngineBusy(
                f"speech engine is busy ({self._capacity} requests already running or queued)"
            )
        return admission

    def _release(self) -> None:
        with self._lock:
            self._in_use -= 1
