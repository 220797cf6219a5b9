"""Typed errors for WebSocket sessions: abnormal closes, malformed frames, misuse.

Handshake refusals (HTTP 4xx/5xx instead of 101) are not here: they raise the same
`APIStatusError` subclasses as REST calls, built by `cfasr_ext._errors.error_from_response`.
"""

from __future__ import annotations

from cfasr_ext._errors import APIConnectionError, CfasrError

__all__ = [
    "StreamAudioError",
    "StreamClosedError",
    "StreamConnectionLostError",
    "StreamIdleTimeoutError",
    "StreamProtocolError",
    "StreamServerError",
    "StreamStateError",
    "close_error",
]

NORMAL_CLOSURE = 1000
# Going away, internal error, service restart, try again later, bad gateway: a new connection
# may succeed. Protocol or policy violations (1002, 1003, 1007, 1008, 1009) would only repeat.
_TRANSIENT_CLOSE_CODES = frozenset({1001, 1011, 1012, 1013, 1014})


class StreamProtocolError(CfasrError):
    """The server sent a frame that is not a JSON object (the session cannot go on trusting it)."""


class StreamStateError(CfasrError, RuntimeError):
    """The session was used in a state that does not allow it (e.g. `send` after `close`)."""


class StreamClosedError(APIConnectionError):
    """The WebSocket ended abnormally; `close_code`/`close_reason` say how, `retryable` if a
    reconnect can help."""

    retryable = True

    def __init__(
        self,
        message: str,
        *,
        close_code: int | None,
        close_reason: str = "",
        retryable: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.close_code = close_code
        self.close_reason = close_reason
        if retryable is not None:
            self.retryable = retryable


class StreamConnectionLostError(StreamClosedError):
    """The connection dropped without a close frame (1006): network failure or server crash."""


class StreamIdleTimeoutError(StreamClosedError):
    """Close 1011 `NET-0001` (nothing received from the client in ~10 s) or `NET-0000` (the
    server produced no result in time)."""


class StreamAudioError(StreamClosedError):
    """Close `DATA-0000`: the audio could not be decoded. Retrying the same audio cannot help."""

    retryable = False


class StreamServerError(StreamClosedError):
    """Any other abnormal close, or a flux `Error` message followed by a close."""


def close_error(close_code: int | None, close_reason: str) -> StreamClosedError | None:
    """The typed error for a close frame, or None when the close was a normal one (1000)."""
    reason = close_reason.strip()
    if close_code == NORMAL_CLOSURE:
        return None
    if close_code is None or close_code == 1006:
        return StreamConnectionLostError(
            "the streaming connection dropped without a close frame (1006); check the network, "
            "or let the session reconnect (reconnect=ReconnectPolicy(...)).",
            close_code=1006,
            close_reason=reason,
        )
    if "DATA-0000" in reason:
        return StreamAudioError(
            f"the server could not decode the audio (close {close_code} {reason}); check that "
            "encoding, sample_rate and channels match the bytes you send.",
            close_code=close_code,
            close_reason=reason,
        )
    if "NET-0001" in reason:
        return StreamIdleTimeoutError(
            f"the server closed the stream because it received nothing for too long "
            f"(close {close_code} {reason}); keep sending audio, or leave keepalive on.",
            close_code=close_code,
            close_reason=reason,
        )
    if "NET-0000" in reason:
        return StreamIdleTimeoutError(
            f"the server gave up producing results in time (close {close_code} {reason}); "
            "this is on the server side, retry the stream.",
            close_code=close_code,
            close_reason=reason,
        )
    shown = f" {reason}" if reason else ""
    return StreamServerError(
        f"the server closed the stream abnormally (close {close_code}{shown}).",
        close_code=close_code,
        close_reason=reason,
        retryable=close_code in _TRANSIENT_CLOSE_CODES,
    )
