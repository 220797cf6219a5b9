"""What a streaming session yields: thin typed wrappers around the generated message models.

Each server-message wrapper exposes the generated attrs model as `.message` (nothing is
re-modelled here) and adds the few conveniences a caller reaches for: the best transcript,
`is_final`, times. Times are already shifted onto the session's one continuous timeline after
a reconnect.

The wrappers keep the message's decoded JSON and build `.message` on first read: a session
receives many more updates than anyone inspects, and building the nested models costs several
times what decoding the JSON does. The conveniences read the JSON directly. The protocol only
makes an event this way after checking that the model will build (`_message_checks`).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Self, TypeVar, cast

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

_M = TypeVar("_M")


class _ServerMessage(Generic[_M]):
    """A server message: its JSON object, and the generated model built from it when first read.

    Read-only like the attrs events it replaces (slots and setter-less properties: nothing
    public can be set), equal when the models are equal, shown as its model."""

    __slots__ = ("_message", "_raw")
    _model: ClassVar[Any]  # the generated class whose from_dict builds `.message`
    _raw: dict[str, Any]
    _message: _M

    def __init__(self, message: _M) -> None:
        # A hand-made event (tests, replays) starts from the model; the JSON is derived once.
        self._message = message
        self._raw = cast(Any, message).to_dict()

    @classmethod
    def _parsed(cls, raw: dict[str, Any], message: _M | None = None) -> Self:
        """An event for checked JSON `raw`; the model is built later unless given."""
        event = cls.__new__(cls)
        event._raw = raw
        if message is not None:
            event._message = message
        return event

    @property
    def message(self) -> _M:
        """The generated model of this message (built on first read, then kept)."""
        try:
            return self._message
        except AttributeError:
            message: _M = self._model.from_dict(self._raw)
            self._message = message
            return message

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self.message == other.message)

    __hash__ = None  # type: ignore[assignment]  # the models are mutable, as before

    def __repr__(self) -> str:
        return f"{type(self).__name__}(message={self.message!r})"


# ---- Deepgram v1 listen (nova-3, nova-3-internal) ----


def _index_and_count(pair: object) -> tuple[int, int]:
    """Deepgram's `[channel index, channel count]`; `(0, 1)` when absent or malformed."""
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, int) for v in pair):
        return pair[0], pair[1]
    return 0, 1


class _OnChannel:
    """`channel_index` and `channel_count` of a v1 message that names its audio channel: a
    stream opened with `channels=N, multichannel=True` hears each channel on its own."""

    __slots__ = ()
    _raw: dict[str, Any]
    _channel_key: ClassVar[str] = "channel"

    @property
    def channel_index(self) -> int:
        """The audio channel (from 0) this message is about; 0 unless multichannel."""
        return _index_and_count(self._raw.get(self._channel_key))[0]

    @property
    def channel_count(self) -> int:
        """How many channels the stream transcribes separately; 1 unless multichannel."""
        return _index_and_count(self._raw.get(self._channel_key))[1]


class Results(_OnChannel, _ServerMessage[Nova3ResultsMessage]):
    """One transcription update. Only `is_final` results are kept in `transcript()`.

    With `multichannel=True` each result is about one audio channel: `channel_index`."""

    __slots__ = ()
    _model = Nova3ResultsMessage
    _channel_key = "channel_index"

    @property
    def transcript(self) -> str:
        """The best alternative's text; often empty (silence)."""
        alternatives = self._raw["channel"]["alternatives"]
        return cast(str, alternatives[0]["transcript"]) if alternatives else ""

    @property
    def words(self) -> list[Nova3StreamWord]:
        alternatives = self.message.channel.alternatives
        return list(alternatives[0].words) if alternatives else []

    @property
    def is_final(self) -> bool:
        return self._raw.get("is_final") is True

    @property
    def speech_final(self) -> bool:
        return self._raw.get("speech_final") is True

    @property
    def from_finalize(self) -> bool:
        return self._raw.get("from_finalize") is True

    @property
    def start(self) -> float:
        return float(self._raw["start"])

    @property
    def end(self) -> float:
        return float(self._raw["start"]) + float(self._raw["duration"])


class Metadata(_ServerMessage[Nova3MetadataMessage]):
    """The session summary the server sends last, after CloseStream."""

    __slots__ = ()
    _model = Nova3MetadataMessage


class UtteranceEnd(_OnChannel, _ServerMessage[Nova3UtteranceEndMessage]):
    """No word followed the last one for `utterance_end_ms`."""

    __slots__ = ()
    _model = Nova3UtteranceEndMessage

    @property
    def last_word_end(self) -> float:
        return float(self._raw["last_word_end"])


class SpeechStarted(_OnChannel, _ServerMessage[Nova3SpeechStartedMessage]):
    """Speech began (needs `vad_events=True`)."""

    __slots__ = ()
    _model = Nova3SpeechStartedMessage

    @property
    def timestamp(self) -> float:
        return float(self._raw["timestamp"])


# ---- Deepgram v2 listen (flux) ----


class Connected(_ServerMessage[FluxConnected]):
    """Flux is ready for audio."""

    __slots__ = ()
    _model = FluxConnected


class TurnInfo(_ServerMessage[FluxTurnInfo]):
    """A flux turn update; the subclass says which `event` it is. `transcript` is cumulative."""

    __slots__ = ()
    _model = FluxTurnInfo

    @property
    def event(self) -> str:
        return cast(str, self._raw["event"])

    @property
    def transcript(self) -> str:
        return cast(str, self._raw["transcript"])

    @property
    def turn_index(self) -> int:
        return cast(int, self._raw["turn_index"])

    @property
    def words(self) -> list[FluxWord]:
        words = self.message.words
        return [] if words is None else list(words)


class StartOfTurn(TurnInfo):
    """Speech began a new turn."""

    __slots__ = ()


class Update(TurnInfo):
    """More of the current turn was transcribed."""

    __slots__ = ()


class EagerEndOfTurn(TurnInfo):
    """The turn has probably ended (needs `eager_eot_threshold`); may be followed by
    `TurnResumed`."""

    __slots__ = ()


class TurnResumed(TurnInfo):
    """The speaker went on after an `EagerEndOfTurn`."""

    __slots__ = ()


class EndOfTurn(TurnInfo):
    """The turn is over; its transcript is final and goes into `transcript()`."""

    __slots__ = ()


class ConfigureSuccess(_ServerMessage[FluxConfigureSuccess]):
    """A `configure(...)` was applied."""

    __slots__ = ()
    _model = FluxConfigureSuccess


class ConfigureFailure(_ServerMessage[FluxConfigureFailure]):
    """A `configure(...)` was refused."""

    __slots__ = ()
    _model = FluxConfigureFailure


class ErrorMessage(_ServerMessage[FluxError]):
    """Flux reported a fatal error; the server closes the connection after it."""

    __slots__ = ()
    _model = FluxError


# ---- Session events that are not server messages ----


@attrs.frozen
class UnknownMessage:
    """A JSON message the SDK does not know (new type, or a known type that does not fit its
    schema — then `reason` says why). Never fatal: when Deepgram adds a message type, a session
    keeps going and hands it over here, `raw` holding the whole decoded object."""

    raw: dict[str, Any]
    reason: str | None = None

    @property
    def type(self) -> str | None:
        """The message's `type` (None when it has none, or one that is not a string)."""
        kind = self.raw.get("type")
        return kind if isinstance(kind, str) else None


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
