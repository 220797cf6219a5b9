"""Incremental decoding of streamed audio frames into 16 kHz mono float32.

Clients split audio wherever they like, so a frame may end mid-sample (raw PCM) or
mid-packet (containers). Raw input carries the odd bytes over to the next frame; container
input is re-probed as it grows and only the new samples are returned.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..engine import (
    SAMPLE_BYTES,
    AudioDecodeError,
    AudioTooLong,
    RawEncoding,
    decode_audio,
    decode_raw,
    is_raw_encoding,
)

FloatAudio = npt.NDArray[np.float32]

CONTAINER_PROBE_LIMIT = 64 * 1024
"""Bytes of a container stream after which still-undecodable input is declared not audio."""

_EMPTY: FloatAudio = np.zeros(0, dtype=np.float32)


class AudioInput(Protocol):
    def feed(self, data: bytes) -> FloatAudio:
        """New samples decoded from this frame; raises AudioDecodeError for non-audio."""
        ...

    def flush(self) -> FloatAudio:
        """Samples still held back at end of stream; raises AudioDecodeError if never audio."""
        ...


class RawInput:
    """Headerless PCM in a declared encoding; never fails on split frames.

    Past ``max_seconds`` of audio in the whole stream, ``feed`` raises :class:`AudioTooLong`.
    """

    def __init__(
        self,
        encoding: RawEncoding,
        sample_rate: int,
        channels: int = 1,
        *,
        max_seconds: float | None = None,
    ) -> None:
        self._encoding: RawEncoding = encoding
        self._sample_rate = sample_rate
        self._channels = channels
        self._frame_bytes = channels * SAMPLE_BYTES[encoding]
        self._carry = b""
        self._max_seconds = max_seconds
        self._frames = 0

    def feed(self, data: bytes) -> FloatAudio:
        data = self._carry + data
        whole = len(data) - len(data) % self._frame_bytes
        self._carry = data[whole:]
        if whole == 0:
            return _EMPTY
        self._frames += whole // self._frame_bytes
        if self._max_seconds is not None and self._frames > self._max_seconds * self._sample_rate:
            raise AudioTooLong(self._max_seconds)
        return decode_raw(
            data[:whole],
            encoding=self._encoding,
            sample_rate=self._sample_rate,
            channels=self._channels,
        )

    def flush(self) -> FloatAudio:
        self._carry = b""  # A partial sample at the very end carries no audio.
        return _EMPTY


class ContainerInput:
    """A container stream (wav, ogg, webm, flac, mp3...) probed by FFmpeg as it grows.

    The whole stream so far is decoded on each frame that might complete a packet, which is
    quadratic in the stream length; acceptable for an emulator fed test-sized audio. Past
    ``max_seconds`` of decoded audio, decoding stops and :class:`AudioTooLong` is raised.
    """

    def __init__(
        self, probe_limit: int = CONTAINER_PROBE_LIMIT, *, max_seconds: float | None = None
    ) -> None:
        self._data = bytearray()
        self._emitted = 0
        self._decoded_once = False
        self._probe_limit = probe_limit
        self._max_seconds = max_seconds

    def feed(self, data: bytes) -> FloatAudio:
        self._data += data
        try:
            samples = decode_audio(bytes(self._data), max_seconds=self._max_seconds)
        except AudioTooLong:
            raise
        except AudioDecodeError:
            if not self._decoded_once and len(self._data) >= self._probe_limit:
                raise
            return _EMPTY  # Probably a packet cut in half; wait for more.
        self._decoded_once = True
        return self._new(samples)

    def flush(self) -> FloatAudio:
        if not self._data:
            return _EMPTY
        try:
            samples = decode_audio(bytes(self._data), max_seconds=self._max_seconds)
        except AudioTooLong:
            raise
        except AudioDecodeError:
            if not self._decoded_once:
                raise
            return _EMPTY
        return self._new(samples)

    def _new(self, samples: FloatAudio) -> FloatAudio:
        # Decoding a longer prefix can shorten a trailing partial frame, never earlier audio.
        fresh = samples[self._emitted :]
        self._emitted = max(self._emitted, samples.size)
        return fresh.astype(np.float32, copy=False)


def audio_input(
    encoding: str | None,
    sample_rate: int | None,
    channels: int,
    *,
    max_seconds: float | None = None,
) -> AudioInput:
    """The decoder for a session's declared format (see ``engine.RAW_ENCODINGS``)."""
    if not is_raw_encoding(encoding):
        return ContainerInput(max_seconds=max_seconds)
    if sample_rate is None:
        raise ValueError(f"encoding {encoding} needs a sample rate")
    return RawInput(encoding, sample_rate, channels, max_seconds=max_seconds)
