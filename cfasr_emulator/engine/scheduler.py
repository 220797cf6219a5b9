"""Who decodes next: a fair queue in front of the engine's compute slots.

A plain semaphore serves whoever grabs it first, so a burst of REST requests (each admitted
up to ``max_queue``) could hold the engine while every stream waited, and one busy stream
could crowd out the others. This queue decides instead, each time a slot frees:

* **finals before interims**: a final (a REST request, a stream's final or end of turn)
  always goes ahead of an interim, which is optional work that may be dropped;
* **background last among finals**: a queued batch's item (``background``) waits while any
  other final does, so batches yield to the callers waiting for an answer;
* **REST and streams take turns**: when both have finals waiting they alternate, so neither
  class starves the other;
* **streams rotate**: among streams, the one served longest ago goes first, so a session
  sending at full speed cannot shut out sessions paced at real time;
* **interims give up**: an interim waits at most ``patience_s``; when the engine cannot
  serve it by then it is dropped (the caller gets ``False``), so overload thins interims,
  never finals.

It counts nothing for admission: REST's 429 stays with :class:`AdmissionGate`.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Hashable, Iterator

import attrs

from .failures import WorkAbandoned

REST_OWNER = "rest"
"""The owner REST requests share: as a class they take turns with the streams."""
INTERIM_PATIENCE_S = 0.5
"""How long an interim waits for a slot before it is dropped."""
CANCEL_POLL_S = 0.05
"""How often a waiting final checks whether its session has ended."""


@attrs.define(eq=False)
class _Waiter:
    owner: Hashable
    interim: bool
    arrival: int
    background: bool = False
    granted: bool = False

    @property
    def is_rest(self) -> bool:
        return self.owner == REST_OWNER


class FairScheduler:
    """``parallel`` compute slots handed out by the rules in the module docstring."""

    def __init__(self, parallel: int = 1, *, patience_s: float = INTERIM_PATIENCE_S) -> None:
        if parallel < 1:
            raise ValueError("parallel must be at least 1")
        self._free = parallel
        self._patience_s = patience_s
        self._waiting: list[_Waiter] = []
        self._served_at: dict[Hashable, int] = {}
        self._ticks = itertools.count()
        self._last_was_rest = False
        self._changed = threading.Condition()
        self.dropped_interims = 0
        """Interims that gave up waiting, for the capacity benchmark and health output."""
        self.finished = 0
        """Turns that ran to their end (for ``/_emulator/status``)."""
        self.abandoned = 0
        """Work whose caller went away (``cancelled`` set): dropped while it waited, or
        stopped at its next step while it ran (issue 29, item 8)."""

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @contextlib.contextmanager
    def turn(
        self,
        owner: Hashable = REST_OWNER,
        *,
        interim: bool = False,
        cancelled: threading.Event | None = None,
        until: float | None = None,
        background: bool = False,
    ) -> Iterator[bool]:
        """Hold one slot for the ``with`` block; yields ``False`` (holding none) when an
        interim ran out of patience, ``cancelled`` was set, or the ``time.monotonic()``
        instant ``until`` (the call's deadline) passed while waiting."""
        granted = self._acquire(owner, interim, cancelled, until, background)
        if not granted and cancelled is not None and cancelled.is_set():
            self._count("abandoned")  # dropped from the queue: its caller had gone
        try:
            yield granted
        except WorkAbandoned:
            self._count("abandoned")  # stopped while running, at its next step
            raise
        else:
            if granted:
                self._count("finished")
        finally:
            if granted:
                self._release()

    def _count(self, counter: str) -> None:
        with self._changed:  # turns end on several threads at once with max_parallel > 1
            setattr(self, counter, getattr(self, counter) + 1)

    def _acquire(
        self,
        owner: Hashable,
        interim: bool,
        cancelled: threading.Event | None,
        until: float | None,
        background: bool = False,
    ) -> bool:
        with self._changed:
            waiter = _Waiter(owner, interim, next(self._ticks), background)
            self._waiting.append(waiter)
            self._dispatch()
            deadline = time.monotonic() + self._patience_s if interim else None
            if until is not None:
                deadline = until if deadline is None else min(deadline, until)
            while not waiter.granted:
                if cancelled is not None and cancelled.is_set():
                    break
                wait = CANCEL_POLL_S if cancelled is not None else None
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    wait = left if wait is None else min(wait, left)
                self._changed.wait(wait)
            if waiter.granted:
                return True
            self._waiting.remove(waiter)
            if interim:
                self.dropped_interims += 1
            return False

    def _release(self) -> None:
        with self._changed:
            self._free += 1
            self._dispatch()

    def _dispatch(self) -> None:
        """Grant free slots to the waiters the rules pick; the lock is held."""
        granted = False
        while self._free and self._waiting:
            waiter = self._pick()
            self._waiting.remove(waiter)
            waiter.granted = True
            self._free -= 1
            self._served_at[waiter.owner] = next(self._ticks)
            self._last_was_rest = waiter.is_rest
            if not waiter.is_rest and len(self._served_at) > 4096:
                self._forget_idle_owners()
            granted = True
        if granted:
            self._changed.notify_all()

    def _pick(self) -> _Waiter:
        finals = [w for w in self._waiting if not w.interim]
        pool = [w for w in finals if not w.background] or finals or self._waiting
        rest = [w for w in pool if w.is_rest]
        streams = [w for w in pool if not w.is_rest]
        if rest and (not streams or not self._last_was_rest):
            return min(rest, key=lambda w: w.arrival)
        return min(streams, key=lambda w: (self._served_at.get(w.owner, -1), w.arrival))

    def _forget_idle_owners(self) -> None:
        waiting = {w.owner for w in self._waiting}
        self._served_at = {o: t for o, t in self._served_at.items() if o in waiting}
