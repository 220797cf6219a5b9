"""Deadlines for engine calls, checked before every step the decoder takes.

faster-whisper runs a request as a lazy series of calls into CTranslate2: ``encode`` (one
window of audio), ``detect_language``, ``generate`` (one window's tokens, again for each
temperature fallback) and ``align`` (word times). None of them can be interrupted once
started, so "stuck" here means a series of such steps that goes on too long (a prompt that
makes the decoder loop, fallback after fallback), never one step that hangs. The model is
wrapped so that every step first checks the calling thread's deadline and raises
:class:`InferenceTimeout` once it has passed: a call ends at most one step (one window's
encoding or one ``generate`` of at most 448 tokens) after its deadline, and the step in
progress is the only work done for it after that. Before the first step faster-whisper runs
its VAD and feature extraction, which take time in proportion to the audio (itself capped by
``max_audio_seconds``) and are not interrupted either.

The same checks stop abandoned work (issue 29, item 8): a deadline may carry the call's
``cancelled`` event (set when a REST client disconnects or a stream closes), and once it is
set the next step raises :class:`WorkAbandoned` instead of decoding for nobody.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Iterator
from typing import Any

from .failures import InferenceTimeout, WorkAbandoned

CHECKED_STEPS = frozenset({"encode", "generate", "align", "detect_language"})
"""The CTranslate2 Whisper methods faster-whisper calls for each step of a request."""


class Deadline:
    """A point on the monotonic clock plus the limit it came from, for the error message,
    and the caller's ``cancelled`` event. ``limit_s`` None: no time limit, only the event."""

    def __init__(self, limit_s: float | None, cancelled: threading.Event | None = None) -> None:
        self.limit_s = limit_s
        self.cancelled = cancelled
        self.at = math.inf if limit_s is None else time.monotonic() + limit_s

    @classmethod
    def for_call(cls, limit_s: float | None, cancelled: threading.Event | None) -> Deadline | None:
        """What one engine call checks at each step; None when there is nothing to check."""
        if limit_s is None and cancelled is None:
            return None
        return cls(limit_s, cancelled)

    @property
    def until(self) -> float | None:
        """The monotonic instant, or None without a time limit (for the scheduler's wait)."""
        return None if self.limit_s is None else self.at

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def check(self) -> None:
        """Raise :class:`WorkAbandoned` once the caller has gone, :class:`InferenceTimeout`
        once the deadline has passed."""
        if self.cancelled is not None and self.cancelled.is_set():
            raise WorkAbandoned("the caller went away; its engine work was stopped")
        if self.limit_s is not None and time.monotonic() >= self.at:
            raise InferenceTimeout(self.limit_s)


class DeadlineModel:
    """Stands in for a ``ctranslate2.models.Whisper``; checks the thread's deadline first.

    Per thread, because one loaded model serves every request (``max_parallel`` may run
    several at once) and each has its own deadline.
    """

    def __init__(self, model: Any) -> None:
        self._model = model
        self._local = threading.local()

    @contextlib.contextmanager
    def deadline(self, deadline: Deadline | None) -> Iterator[None]:
        """Apply ``deadline`` to this thread's calls inside the block (None: no deadline)."""
        previous = getattr(self._local, "deadline", None)
        self._local.deadline = deadline
        try:
            yield
        finally:
            self._local.deadline = previous

    def generated(self) -> int:
        """How many decoder runs (``generate``) this thread has made so far."""
        count: int = getattr(self._local, "generated", 0)
        return count

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._model, name)
        if name not in CHECKED_STEPS:
            return attribute

        def checked(*args: Any, **kwargs: Any) -> Any:
            deadline: Deadline | None = getattr(self._local, "deadline", None)
            if deadline is not None:
                deadline.check()
            if name == "generate":
                self._local.generated = self.generated() + 1
            return attribute(*args, **kwargs)

        return checked
