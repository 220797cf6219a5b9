"""Typed failures of the engine, so the HTTP layer can map each to one API error."""

from __future__ import annotations


class EngineError(Exception):
    """Base class: lets callers catch every engine failure without catching bugs."""


class AudioDecodeError(EngineError):
    """The request body is not audio we can decode (the client's fault, never ours).

    The message is meant to be shown to the API client as is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AudioTooLong(AudioDecodeError):
    """The audio decodes to more than the emulator's ``max_audio_seconds``.

    Raised while decoding, as soon as the cap is passed, so a small compressed upload that
    expands to hours of samples never reaches its full size in memory.
    """

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"the audio is longer than the limit of {limit_s:g} seconds")
        self.limit_s = limit_s


class EngineBusy(EngineError):
    """Every admission slot is taken; the HTTP layer answers 429 instead of queueing forever."""


class WorkAbandoned(EngineBusy):
    """The caller went away (a REST client disconnected, a stream closed) while its work
    waited for or ran in the engine: the work stops at its next step and frees its slot.

    A kind of :class:`EngineBusy` so every caller that already treats "no slot" as "no
    result" (a stream's recognizer) needs nothing new; nobody is left to read the answer."""


class ModelWeightsError(EngineError):
    """Model files are missing or corrupt; recognition cannot run until the install is fixed."""


class InferenceTimeout(EngineError):
    """An engine call ran past its deadline and was abandoned at the next checkpoint.

    REST answers 408 / 3007 (``openapi.yaml``: "Inference timed out"); a stream ends with
    1011. ``limit_s`` is the deadline the call had.
    """

    def __init__(self, limit_s: float) -> None:
        super().__init__(f"recognition took longer than the engine deadline of {limit_s:g} s")
        self.limit_s = limit_s
