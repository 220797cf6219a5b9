"""faster-whisper's ``WhisperModel`` as the engine runs it: short windows, deadline checks."""

from __future__ import annotations

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

    def encode(self, features: npt.NDArray[np.float32]) -> Any:
        return super().encode(trim_padding(features))
