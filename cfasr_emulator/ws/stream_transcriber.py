"""The one place the streaming recognizers reach the speech engine.

Recognizers take a :class:`StreamTranscriber` so they stay free of threads and admission: the
session runs them in a worker thread, and this adapter decides what an overloaded engine
means. Every decode queues at the engine's fair scheduler as this session (streams are not
counted at REST's 429 gate; their back-pressure is the socket). Interim work is optional and
cheap (:meth:`Engine.transcribe_quick`: one short window, greedy, no word times): it is
dropped when the engine cannot serve it within the scheduler's patience. Final work is not:
it waits its turn (the session stops reading the socket meanwhile), unless the session ends.
"""

from __future__ import annotations

import threading
from typing import Protocol

import attrs
import numpy as np
import numpy.typing as npt

from ..engine import Admission, DecodeOptions, Engine, EngineBusy, EngineResult, ModelName

FloatAudio = npt.NDArray[np.float32]


class StreamTranscriber(Protocol):
    def __call__(self, audio: FloatAudio, *, interim: bool) -> EngineResult | None:
        """Recognise a clip; ``None`` only for interim work the engine had no room for."""
        ...


# Streams also condition on no text an earlier piece already gave (the emulator's choice).
_FINAL = attrs.evolve(DecodeOptions.for_local_models(), condition_on_previous_text=False)
# Greedy decoding for interims: cheaper, and they are replaced anyway.
_INTERIM = attrs.evolve(_FINAL, beam_size=1)


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
        admission = Admission.for_stream(self, interim=interim, cancelled=self._stop)
        try:
            if interim and (self._language is not None or self._model.endswith(".en")):
                return self._engine.transcribe_quick(
                    audio, model=self._model, language=self._language or "en", admission=admission
                )
            return self._engine.transcribe(
                audio,
                model=self._model,
                options=attrs.evolve(_INTERIM if interim else _FINAL, language=self._language),
                hotwords=" ".join(self.keyterms) or None,
                word_timestamps=not interim,
                admission=admission,
                # One decode per window: a window decoded again at six temperatures held
                # the engine (and the turn's final) for over a minute.
                fallback=False,
            )
        except EngineBusy:
            return None  # An interim the engine had no room for, or a session that ended.
