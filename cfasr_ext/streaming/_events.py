"""What a streaming session yields: thin typed wrappers around the generated message models.

Each wrapper keeps the generated attrs model in `.message` (nothing is re-modelled here) and
adds the few conveniences a caller reaches for: the best transcript, `is_final`, times.
Times are already shifted onto the session's one continuous timeline after a reconnect.
"""

from __future__ import annotations

from typing import Any

import attrs
from cfasr_client.models import (
    FluxConfigureFailure,
    FluxConfigureSuccess,
    FluxConnected,
    FluxError,
    FluxTurnInfo,
    FluxWord,
    Nova3MetadataMessage,
    Nova3ResultsMessage,
    Nova3SpeechStartedMessage,
    Nova3StreamWord,
    Nova3UtteranceEndMessage,
)
from cfasr_client.types import Unset

from cfasr_ext._errors import CfasrError

__all__ = [
    "ConfigureFailure",
    "ConfigureSuccess",
    "Connected",
    "EagerEndOfTurn",
    "EndOfTurn",
    "ErrorMessage",
    "Metadata",
    "Reconnected",
    "Reconnecting",
    "Results",
    "SpeechStarted",
    "StartOfTurn",
    "StreamEvent",
    "TurnInfo",
    "TurnResumed",
    "UnknownMessage",
    "Update",
    "UtteranceEnd",
]


def _flag(value: bool | Unset) -> bool:
    return value is True


# ---- Deepgram v1 listen (nova-3, nova-3-internal) ----


@attrs.frozen
class Results:
    """One transcription update. Only `is_final` results are kept in `transcript()`."""

    message: Nova3ResultsMessage

    @property
    def transcript(self) -> str:
        """The best alternative's text; often empty (silence)."""
        alternatives = self.message.channel.alternatives
        return alternatives[0].transcript if alternatives else ""

    @property
    def words(self) -> list[Nova3StreamWord]:
        alternatives = self.message.channel.alternatives
        return list(alternatives[0].words) if alternatives else []

    @property
    def is_final(self) -> bool:
        return _flag(self.message.is_final)

    @property
    def speech_final(self) -> bool:
        return _flag(self.message.speech_final)

    @property
    def from_finalize(self) -> bool:
        return _flag(self.message.from_finalize)

    @property
    def start(self) -> float:
        return float(self.message.start)

    @property
    def end(self) -> float:
        return float(self.message.start) + float(self.message.duration)


@attrs.frozen
class Metadata:
    """The session summary the server sends last, after CloseStream."""

    message: Nova3MetadataMessage


@attrs.frozen
class UtteranceEnd:
    """No word followed the last one for `utterance_end_ms`."""

    message: Nova3UtteranceEndMessage

    @property
    def last_word_end(self) -> float:
        return float(self.message.last_word_end)


@attrs.frozen
class SpeechStarted:
    """Speech began (needs `vad_events=True`)."""

    message: Nova3SpeechStartedMessage

    @property
    def timestamp(self) -> float:
        return float(self.message.timestamp)


# ---- Deepgram v2 listen (flux) ----


@attrs.frozen
class Connected:
    """Flux is ready for audio."""

    message: FluxConnected


@attrs.frozen
class TurnInfo:
    """A flux turn update; the subclass says which `event` it is. `transcript` is cumulative."""

    message: FluxTurnInfo

    @property
    def event(self) -> str:
        return self.message.event.value

    @property
    def transcript(self) -> str:
        return self.message.transcript

    @property
    def turn_index(self) -> int:
        return self.message.turn_index

    @property
    def words(self) -> list[FluxWord]:
        words = self.message.words
        return [] if isinstance(words, Unset) else list(words)


@attrs.frozen
class StartOfTurn(TurnInfo):
    """Speech began a new turn."""


@attrs.frozen
class Update(TurnInfo):
    """More of the current turn was transcribed."""


@attrs.frozen
class EagerEndOfTurn(TurnInfo):
    """The turn has probably ended (needs `eager_eot_threshold`); may be followed by
    `TurnResumed`."""


@attrs.frozen
class TurnResumed(TurnInfo):
    """The speaker went on after an `EagerEndOfTurn`."""


@attrs.frozen
class EndOfTurn(TurnInfo):
    """The turn is over; its transcript is final and goes into `transcript()`."""


@attrs.frozen
class ConfigureSuccess:
    """A `configure(...)` was applied."""

    message: FluxConfigureSuccess


@attrs.frozen
class ConfigureFailure:
    """A `configure(...)` was refused."""

    message: FluxConfigureFailure


@attrs.frozen
class ErrorMessage:
    """Flux reported a fatal error; the server closes the connection after it."""

    message: FluxError


# ---- Session events that are not server messages ----


@attrs.frozen
class UnknownMessage:
    """A JSON message the SDK does not know (new type, or a known type that does not fit its
    schema — then `reason` says why). Never fatal."""

    raw: dict[str, Any]
    reason: str | None = None

    @property
    def type(self) -> object:
        return self.raw.get("type")


@attrs.frozen
class Reconnecting:
    """The connection failed mid-stream; the session will retry after `delay` seconds."""

    attempt: int
    delay: float
    error: CfasrError


@attrs.frozen
class Reconnected:
    """A new connection is up. `resent_seconds` of audio not yet covered by a final result
    are being sent again; later event times are shifted by `offset` seconds so the timeline
    stays continuous. `lossless` is False only if the resend buffer had overflowed."""

    attempt: int
    offset: float
    resent_seconds: float
    lossless: bool


StreamEvent = (
    Results
    | Metadata
    | UtteranceEnd
    | SpeechStarted
    | Connected
    | TurnInfo
    | ConfigureSuccess
    | ConfigureFailure
    | ErrorMessage
    | UnknownMessage
    | Reconnecting
    | Reconnected
)
"""Everything `async for event in session` can yield."""
