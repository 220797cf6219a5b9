"""The engine's fair scheduler, with real threads: who is served in which order.

Each test holds the one slot, lines up waiters (checking they really wait), releases, and
records the order the waiters got the slot in. Nothing is timed.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator

import pytest

from cfasr_emulator.engine.scheduler import REST_OWNER, FairScheduler


class Line:
    """Waiters started one at a time, each recording its name when it gets the slot."""

    def __init__(self, scheduler: FairScheduler) -> None:
        self.scheduler = scheduler
        self.served: list[str] = []
        self.threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def join(self, name: str, owner: Hashable, *, interim: bool = False) -> None:
        before = self.scheduler.waiting

        def wait() -> None:
            with self.scheduler.turn(owner, interim=interim) as granted, self._lock:
                self.served.append(name if granted else f"{name}:dropped")

        thread = threading.Thread(target=wait)
        thread.start()
        self.threads.append(thread)
        while self.scheduler.waiting == before:  # queued before the next one joins
            threading.Event().wait(0.001)

    def finish(self) -> list[str]:
        for thread in self.threads:
            thread.join()
        return self.served


@pytest.fixture
def held() -> Iterator[tuple[FairScheduler, threading.Event]]:
    """A one-slot scheduler whose slot a thread holds until the event is set."""
    scheduler = FairScheduler(1, patience_s=3600.0)
    release = threading.Event()
    taken = threading.Event()

    def hold() -> None:
        with scheduler.turn(REST_OWNER):
            taken.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    yield scheduler, release
    release.set()
    holder.join()


def test_finals_go_before_interims(held: tuple[FairScheduler, threading.Event]) -> None:
    scheduler, release = held
    line = Line(scheduler)
    line.join("a-interim", "a", interim=True)
    line.join("b-interim", "b", interim=True)
    line.join("c-final", "c")
    release.set()
    assert line.finish() == ["c-final", "a-interim", "b-interim"]


def test_rest_and_streams_take_turns(held: tuple[FairScheduler, threading.Event]) -> None:
    scheduler, release = held
    line = Line(scheduler)
    for n in range(3):
        line.join(f"rest{n}", REST_OWNER)
    line.join("stream-a", "a")
    line.join("stream-b", "b")
    release.set()
    # The slot's holder was REST, so a stream goes first; then they alternate.
    assert line.finish() == ["stream-a", "rest0", "stream-b", "rest1", "rest2"]


def test_streams_rotate(held: tuple[FairScheduler, threading.Event]) -> None:
    scheduler, release = held
    line = Line(scheduler)
    line.join("a1", "a")
    line.join("a2", "a")
    line.join("b1", "b")
    release.set()
    # a1 arrived first; then b, served longer ago (never), goes before a's second.
    assert line.finish() == ["a1", "b1", "a2"]


def test_an_interim_that_cannot_be_served_is_dropped() -> None:
    scheduler = FairScheduler(1, patience_s=0.0)
    with scheduler.turn("a") as first:
        assert first
        with scheduler.turn("b", interim=True) as interim:
            assert not interim
    assert scheduler.dropped_interims == 1
    with scheduler.turn("b", interim=True) as interim:
        assert interim  # a free slot is taken at once, whatever the patience


def test_a_cancelled_final_stops_waiting(held: tuple[FairScheduler, threading.Event]) -> None:
    scheduler, _ = held
    cancelled = threading.Event()
    cancelled.set()
    with scheduler.turn("a", cancelled=cancelled) as granted:
        assert not granted
    assert scheduler.waiting == 0
