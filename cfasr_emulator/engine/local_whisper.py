"""faster-whisper's ``WhisperModel`` as the engine runs it: short windows, deadline checks."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel

from .deadline import DeadlineModel
from .short_window import trim_padding


class LocalWhisper(WhisperModel):  # type: ignore[misc]  # faster-whisper is untyped
    """Encodes only a short clip's audio plus a margin (:mod:`.short_window`), and checks the
    calling thread's deadline before every CTranslate2 step (:mod:`.deadline`)."""

    model: Any
    """The CTranslate2 Whisper model; wrapped in a :class:`DeadlineModel` after loading."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = DeadlineModel(self.model)
        self.model = self.steps
        self._local = threading.local()

    @contextlib.contextmanager
    def full_windows(self, full: bool) -> Iterator[None]:
        """Encode whole 30 s windows for this thread's calls inside the block when ``full``.

        With a prompt or key terms, tiny.en given a short window ended 8 of 8 test clips with
        an invented "Thank you very much." (2 of 8 with 30 s windows): the padding is what
        tells it the speech is over, and a prompt makes it keen to go on talking.
        """
        previous = getattr(self._local, "full", False)
        self._local.full = full
        try:
            yield
        finally:
            self._local.full = previous

    def encode(self, features: npt.NDArray[np.float32]) -> Any:
        if not getattr(self._local, "full", False):
            features = trim_padding(features)
        return super().encode(features)
