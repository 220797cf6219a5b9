"""Progress of long work (a chunked recording, a queued batch), reported to a callback.

A long transcription is silent for minutes without it: a 5-minute file cut into a dozen
pieces is worth a piece counter and an ETA. The callback gets an immutable `Progress` each
time something moves (the plan is known, a piece is done, a request is retried). Calls are
serialised (never two at once, even when pieces run in threads), so a callback may update a
display without its own lock; it should return quickly, as a piece waits for it.

Retries are counted through a context variable: the request loop of both clients reports
each retry to whichever piece set the listener, without a parameter threaded through it.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator

import attrs

__all__ = [
    "Progress",
    "ProgressCallback",
    "ProgressTracker",
    "note_retry",
    "retries_reported_to",
]


@attrs.frozen
class Progress:
    """Where a long call stands. `audio_seconds_total` is None while unknown (a recording
    sent whole is only measured by its result; a queued batch carries no durations)."""

    pieces_done: int
    """Pieces (chunks of a recording, or inputs of a batch) finished."""
    pieces_total: int
    audio_seconds_done: float
    """Seconds of audio in the finished pieces."""
    audio_seconds_total: float | None
    retries: int
    """Requests retried so far (rate limits, timeouts, dropped connections)."""

    @property
    def fraction(self) -> float:
        """Done / total, by audio when its total is known, else by pieces (0.0 to 1.0)."""
        if self.audio_seconds_total:
            return min(1.0, self.audio_seconds_done / self.audio_seconds_total)
        return self.pieces_done / self.pieces_total if self.pieces_total else 0.0


ProgressCallback = Callable[[Progress], None]
"""What `transcribe(..., on_progress=)` and `batch.wait(..., on_progress=)` call."""

_retry_listener: contextvars.ContextVar[Callable[[], None] | None] = contextvars.ContextVar(
    "cfasr_retry_listener", default=None
)


def note_retry() -> None:
    """Called by the request loops before each retry: tells the piece's tracker, if any."""
    listener = _retry_listener.get()
    if listener is not None:
        listener()


@contextlib.contextmanager
def retries_reported_to(listener: Callable[[], None]) -> Iterator[None]:
    """Retries of requests made inside the block (this thread or task) call `listener`."""
    token = _retry_listener.set(listener)
    try:
        yield
    finally:
        _retry_listener.reset(token)


class ProgressTracker:
    """Counts pieces, audio and retries for one call and reports each change, one at a time."""

    def __init__(
        self, callback: ProgressCallback | None, *, pieces: int, audio_seconds: float | None
    ) -> None:
        self._callback = callback
        self._lock = threading.Lock()
        self._state = Progress(0, pieces, 0.0, audio_seconds, 0)

    @property
    def state(self) -> Progress:
        return self._state

    def _move(self, change: Callable[[Progress], Progress]) -> None:
        with self._lock:
            self._state = change(self._state)
            if self._callback is not None:
                self._callback(self._state)

    def start(self) -> None:
        """Report the plan (nothing done yet)."""
        self._move(lambda state: state)

    def retried(self) -> None:
        self._move(lambda state: attrs.evolve(state, retries=state.retries + 1))

    def piece_done(self, audio_seconds: float) -> None:
        self._move(
            lambda state: attrs.evolve(
                state,
                pieces_done=state.pieces_done + 1,
                audio_seconds_done=state.audio_seconds_done + audio_seconds,
            )
        )

    def set_total(self, pieces: int) -> None:
        """The number of pieces, once known (a batch polled by its id alone); not reported."""
        with self._lock:
            self._state = attrs.evolve(self._state, pieces_total=pieces)

    def finish(self, *, audio_seconds_total: float | None) -> None:
        """Everything done: the total audio becomes known for a recording sent whole."""

        def done(state: Progress) -> Progress:
            total = state.audio_seconds_total
            if total is None:
                total = audio_seconds_total
            return attrs.evolve(
                state,
                pieces_done=state.pieces_total,
                audio_seconds_done=total if total is not None else state.audio_seconds_done,
                audio_seconds_total=total,
            )

        self._move(done)
