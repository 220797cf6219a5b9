"""Sans-I/O core of the streaming sessions: options → URL, messages ⇄ typed events, state.

No sockets and no clock live here: the session passes in the time (`now`, seconds on any
monotonic clock) and sends the frames these methods return — `bytes` go out as binary frames,
`str` as text frames. That keeps keepalive, parsing, accounting and resume testable without I/O.

`ListenV1Protocol` speaks Deepgram v1 `listen` (nova-3, nova-3-internal); `ListenV2Protocol`
speaks v2 (flux). Both keep every event time on one continuous timeline across reconnects.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from typing import Any, ClassVar

from cfasr_ext._config import Settings
from cfasr_ext._errors import OptionError
from cfasr_ext._unchecked import ExtraQuery, merge_query
from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._ledger import AudioLedger
from cfasr_ext.streaming._stream_errors import (
    StreamClosedError,
    StreamProtocolError,
    StreamServerError,
    StreamStateError,
    close_error,
)
from cfasr_ext.streaming._stream_options import (
    FluxStreamOptions,
    Nova3StreamOptions,
)

__all__ = [
    "DEFAULT_KEEPALIVE_INTERVAL",
    "DEFAULT_MAX_RESEND_SECONDS",
    "StreamProtocol",
    "StreamState",
]

DEFAULT_KEEPALIVE_INTERVAL = 4.0
DEFAULT_MAX_RESEND_SECONDS = 120.0

Frame = bytes | str


class StreamState(enum.Enum):
    CONNECTING = "connecting"
    OPEN = "open"
    CLOSING = "closing"  # CloseStream sent; waiting for the remaining results
    CLOSED = "closed"


# json.loads minus its per-call argument handling; same decoder, same errors (ValueError).
_decode = json.JSONDecoder().decode


def text_frame(message: Any) -> str:
    return json.dumps(message.to_dict(), separators=(",", ":"))


# ---- the shared core ----


class StreamProtocol:
    """State, accounting and keepalive shared by both protocol families."""

    model: str
    _ENDED_TYPES: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        options: Nova3StreamOptions | FluxStreamOptions,
        *,
        keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
        max_resend_seconds: float = DEFAULT_MAX_RESEND_SECONDS,
        extra_query: ExtraQuery | None = None,
    ) -> None:
        if keepalive_interval is not None and not keepalive_interval > 0:
            raise OptionError("keepalive_interval must be a positive number of seconds or None.")
        self.options = options
        self.extra_query = dict(extra_query or {})
        """Query parameters sent unchecked beside the typed options (replacing same names)."""
        merge_query((), self.extra_query)  # a value no URL can carry fails here, not on connect
        self.keepalive_interval = keepalive_interval
        self.state = StreamState.CONNECTING
        self.close_sent = False
        self.finished = False
        self.ledger = AudioLedger(
            bytes_per_second=options.bytes_per_second,
            frame_bytes=options.frame_bytes,
            max_seconds=max_resend_seconds,
        )
        self.finals: list[ev.Results | ev.EndOfTurn] = []
        self.offset = 0.0  # session-timeline time of the current connection's time zero
        self._last_sent: float | None = None
        self._fatal: StreamServerError | None = None
        self._dispatch = self._parsers()  # built once: receive() runs for every message

    # -- connection ------------------------------------------------------------------------

    def request(self, settings: Settings) -> tuple[str, dict[str, str]]:
        """URL and upgrade headers (credentials included: never log them)."""
        url = settings.websocket_url(
            self.model, merge_query(self.options.query(), self.extra_query)
        )
        headers = {**settings.default_headers, **settings.auth_headers()}
        return url, headers

    def connection_made(self, now: float) -> None:
        self.state = StreamState.CLOSING if self.close_sent else StreamState.OPEN
        self._last_sent = now

    @property
    def can_resume(self) -> bool:
        """Only raw PCM has a byte rate, so only it can be cut, resent and re-timed."""
        return self.ledger.bytes_per_second is not None and not self.finished

    def resume(self, now: float) -> list[Frame]:
        """Frames that restart the stream on a new connection without losing or repeating a
        word: the audio no final result covers yet, then CloseStream if it had been sent."""
        if not self.can_resume:
            raise StreamStateError("this stream cannot be resumed (compressed audio or ended).")
        self.offset = self.ledger.start_seconds
        self._fatal = None
        self._on_resume()
        self.connection_made(now)
        frames: list[Frame] = list(self.ledger.pending())
        if self.close_sent:
            frames.append(self._close_frame())
        return frames

    def _on_resume(self) -> None:
        """Hook for per-protocol counters that restart with each connection."""

    def connection_lost(
        self, close_code: int | None, close_reason: str
    ) -> StreamClosedError | None:
        """The socket ended: None if the stream is complete, else the typed error."""
        self.state = StreamState.CLOSED
        error = close_error(close_code, close_reason)
        if error is None or self._complete_without_close():
            self.finished = True
            return None
        if self._fatal is not None:
            self._fatal.close_code = close_code
            self._fatal.close_reason = close_reason
            return self._fatal
        return error

    def _complete_without_close(self) -> bool:
        return False

    # -- outgoing --------------------------------------------------------------------------

    def _check_sendable(self, what: str) -> None:
        if self.close_sent or self.state is StreamState.CLOSED:
            raise StreamStateError(f"cannot send {what}: the stream is closing or closed.")

    def audio(self, data: bytes, now: float) -> bytes:
        """Account for an audio chunk and return it as a binary frame."""
        if self.close_sent or self.state is StreamState.CLOSED:  # _check_sendable, inlined
            self._check_sendable("audio")
        self.ledger.record(data)
        self._last_sent = now
        return data

    def close_stream(self, now: float) -> str:
        """CloseStream: the server flushes what is left, then closes."""
        self._check_sendable("CloseStream")
        self.close_sent = True
        self.state = StreamState.CLOSING
        self._last_sent = now
        return self._close_frame()

    def _close_frame(self) -> str:
        raise NotImplementedError

    def _text(self, frame: str, now: float) -> str:
        self._last_sent = now
        return frame

    def next_keepalive_at(self) -> float | None:
        """When a keepalive is due if nothing else is sent; None when none will be."""
        if (
            self.keepalive_interval is None
            or self._last_sent is None
            or self.state is not StreamState.OPEN
        ):
            return None
        return self._last_sent + self.keepalive_interval

    def keepalive(self, now: float) -> Frame | None:
        """The keepalive frame if one is due at `now`, else None."""
        due = self.next_keepalive_at()
        if due is None or now < due:
            return None
        return self._keepalive_frame(now)

    def _keepalive_frame(self, now: float) -> Frame:
        raise NotImplementedError

    # -- incoming --------------------------------------------------------------------------

    def receive(self, data: str | bytes) -> list[ev.StreamEvent]:
        """Parse one server frame. Not JSON or not an object → `StreamProtocolError`; an
        unknown or ill-shaped message → `UnknownMessage` (never an exception)."""
        if type(data) is not str and isinstance(data, bytes | bytearray | memoryview):
            raise StreamProtocolError(
                f"the server sent a binary frame ({len(data)} bytes); only JSON text is expected."
            )
        try:
            raw = _decode(data)
        except ValueError as exc:
            raise StreamProtocolError(f"the server sent a frame that is not JSON: {exc}") from None
        if type(raw) is not dict:
            raise StreamProtocolError(
                f"the server sent JSON that is not an object ({type(raw).__name__})."
            )
        kind = raw.get("type")
        parser = self._dispatch.get(kind) if type(kind) is str else None
        if parser is None:
            parser = self._untyped_parser(raw)
        if parser is None:
            return [ev.UnknownMessage(raw)]
        try:
            event = parser(raw)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # A parser may have consumed parts of `raw`; show the frame as it arrived.
            original = json.loads(data)
            return [ev.UnknownMessage(original, reason=f"{kind or 'message'}: {exc}")]
        return [event]

    def _parsers(self) -> dict[str, Callable[[dict[str, Any]], ev.StreamEvent]]:
        raise NotImplementedError

    def _untyped_parser(
        self, _raw: dict[str, Any]
    ) -> Callable[[dict[str, Any]], ev.StreamEvent] | None:
        return None
