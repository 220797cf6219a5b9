"""The one place the streaming recognizers reach the speech engine.

Recognizers take a :class:`StreamTranscriber` so they stay free of threads and admission: the
session runs them in a worker thread, and this adapter decides what an overloaded engine
means. Interim work is optional, so it is dropped when no engine slot is free; final work
is not, so it waits for a slot (the session stops reading the socket meanwhile).
"""

from __future__ import annotations

import threading
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..engine import Engine, EngineResult, ModelName

FloatAudio = npt.NDArray[np.float32]

FINAL_SLOT_POLL_S = 0.05
"""How often a final decode retries for an engine slot while REST requests hold them all."""


class StreamTranscriber(Protocol):
    def __call__(self, audio: FloatAudio, *, interim: bool) -> EngineResult | None:
        """Recognise a clip; ``None`` only for interim work the engine had no room for."""
        ...


class EngineTranscriber:
    """Binds an engine to a session's model, language and key terms."""

    def __init__(
        self,
        engine: Engine,
        *,
        model: ModelName,
        language: str | None,
        keyterms: tuple[str, ...] = (),
        stop: threading.Event | None = None,
    ) -> None:
        self._engine = engine
        self._model: ModelName = model
        self._language = language
        self.keyterms = keyterms
        self._stop = stop or threading.Event()

    def __call__(self, audio: FloatAudio, *, interim: bool) -> EngineResult | None:
        admission = self._engine.try_admit()
        while admission is None:
            if interim or self._stop.wait(FINAL_SLOT_POLL_S):
                return None
            admission = self._engine.try_admit()
        with admission:
            return self._engine.transcribe(
                audio,
                model=self._model,
                language=self._language,
                # Greedy decoding for interims: cheaper, and they are replaced anyway.
                beam_size=1 if interim else 5,
                hotwords=" ".join(self.keyterms) or None,
                condition_on_previous_text=False,
                admission=admission,
            )
