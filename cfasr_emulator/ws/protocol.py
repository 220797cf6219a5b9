"""What the sans-I/O recognizers hand back to the session, and the audio they keep.

A recognizer never touches a socket or a clock: each input returns a :class:`Step` of JSON
messages to send, in order, and perhaps a :class:`Close` telling the session to end.
"""

from __future__ import annotations

from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt
from cfasr_client.contract import EMULATOR_LIMITS

from ..engine import SAMPLE_RATE

FloatAudio = npt.NDArray[np.float32]
Message = dict[str, Any]

NORMAL_CLOSURE = 1000
POLICY_VIOLATION = 1008
INTERNAL_ERROR = 1011
DATA_ERROR_REASON = "DATA-0000"
"""Deepgram's reason when the payload cannot be decoded as audio (close code 1008)."""
AUDIO_CAP_REASON = str(EMULATOR_LIMITS["max_audio_seconds"].close_reason)
"""The emulator's own reason (close code 1008) when a session passes its audio cap: not
Deepgram's DATA-0000, since the audio decoded well; openapi.yaml declares it."""
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
"""The error code (flux ``Error`` message) and close reason of an unexpected server failure."""
IDLE_REASON = "NET-0001"
"""Deepgram's reason when the client sent nothing for too long (close code 1011)."""


@attrs.frozen
class Close:
    code: int
    reason: str = ""


@attrs.frozen
class Step:
    messages: tuple[Message, ...] = ()
    close: Close | None = None


class Recognizer(Protocol):
    """The interface both protocol versions offer to the session loop."""

    def opening(self) -> Step:
        """Messages sent right after the upgrade (flux: ``Connected``)."""
        ...

    def feed_audio(self, data: bytes, *, allow_interim: bool) -> Step:
        """A binary frame; ``allow_interim=False`` skips interim work (the session always
        allows it; the recognizer decides by audio position and the engine may drop it)."""
        ...

    def feed_text(self, text: str) -> Step:
        """A text (control) frame."""
        ...

    def keeps_alive(self, text: str) -> bool:
        """Whether this text frame counts as client activity for the idle timeout."""
        ...

    def fatal(self, code: str, description: str) -> Step:
        """A fatal server error ends the session: what to send before the 1011 close (flux:
        its ``Error`` message; nova-3's protocol has none). Nothing is sent after it."""
        ...

    def cut_short(self) -> Step:
        """The server stops before the work still running for this stream can finish: what
        to send without decoding before the 1001 close (nova-3: Metadata of the audio
        recognised so far; flux: the open turn's EndOfTurn with the words it has). Called
        on the event loop while a worker call may still run, so it only reads counters and
        what earlier calls left; nothing is sent after it."""
        ...

    def finish(self) -> Step:
        """The client went away: nothing more will be sent; release what is held."""
        ...

    @property
    def audio_seconds(self) -> float:
        """Audio received so far, for billing."""
        ...


def seconds(samples: int) -> float:
    return round(samples / SAMPLE_RATE, 6)


def sample_at(time_s: float) -> int:
    return round(time_s * SAMPLE_RATE)


class AudioBuffer:
    """The stream's audio from ``start`` (a sample index) on; older audio is dropped.

    Positions are sample indexes on the stream's clock, so callers never deal with the
    trimming offset.
    """

    def __init__(self) -> None:
        self._chunks: list[FloatAudio] = []
        self._data: FloatAudio = np.zeros(0, dtype=np.float32)
        self.start = 0
        self.end = 0

    def append(self, samples: FloatAudio) -> None:
        if samples.size:
            self._chunks.append(samples)
            self.end += samples.size

    def clip(self, start: int, end: int) -> FloatAudio:
        self._join()
        lo = max(start, self.start) - self.start
        hi = max(min(end, self.end) - self.start, lo)
        return self._data[lo:hi]

    def drop_before(self, position: int) -> None:
        self._join()
        cut = min(max(position - self.start, 0), self._data.size)
        self._data = self._data[cut:].copy()
        self.start += cut

    def _join(self) -> None:
        if self._chunks:
            self._data = np.concatenate([self._data, *self._chunks])
            self._chunks = []
