"""Turn whatever bytes a client uploads into the one format Whisper and Silero accept.

Every failure is reported as :class:`AudioDecodeError`, because the HTTP layer must be able
to answer "bad audio" without knowing anything about FFmpeg's error zoo.
"""

from __future__ import annotations

import io
from typing import Literal

import av
import av.error
import numpy as np
import numpy.typing as npt

from .failures import AudioDecodeError

SAMPLE_RATE = 16_000
"""Whisper and Silero are both trained on 16 kHz; everything is converted to it once, here."""

RawEncoding = Literal["linear16", "mulaw"]
FloatAudio = npt.NDArray[np.float32]

_EMPTY_MESSAGE = "audio is empty (0 bytes)"


def _as_bytes(data: bytes | bytearray | memoryview) -> bytes:
    return data if isinstance(data, bytes) else bytes(data)


def decode_audio(data: bytes | bytearray | memoryview) -> FloatAudio:
    """Decode any container FFmpeg can probe (wav, mp3, flac, ogg/opus, webm, m4a, ...).

    Returns mono float32 at 16 kHz. The container is probed from the content, not a name or
    a content type, because clients routinely send the wrong ``Content-Type``.
    """
    raw = _as_bytes(data)
    if not raw:
        raise AudioDecodeError(_EMPTY_MESSAGE)
    try:
        return _decode_container(raw)
    except AudioDecodeError:
        raise
    except (av.error.FFmpegError, ValueError, EOFError, OSError) as exc:
        raise AudioDecodeError(f"could not decode audio: {_describe(exc)}") from exc
    except Exception as exc:  # PyAV raises assorted types on garbage; never leak them.
        raise AudioDecodeError(f"could not decode audio: {_describe(exc)}") from exc


def _describe(exc: BaseException) -> str:
    # FFmpegError's str() appends a meaningless "'<none>'" file name for in-memory input.
    strerror = getattr(exc, "strerror", None)
    text = strerror.strip() if isinstance(strerror, str) else str(exc).strip()
    return text or type(exc).__name__


def _decode_container(raw: bytes) -> FloatAudio:
    with av.open(io.BytesIO(raw), mode="r") as container:
        if not container.streams.audio:
            raise AudioDecodeError("no audio stream found in the uploaded data")
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        chunks: list[FloatAudio] = []
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(_frame_samples(out))
        for out in resampler.resample(None):
            chunks.append(_frame_samples(out))
    if not chunks or sum(len(c) for c in chunks) == 0:
        raise AudioDecodeError("audio contains no samples")
    return np.concatenate(chunks).astype(np.float32, copy=False)


def _frame_samples(frame: av.AudioFrame) -> FloatAudio:
    # Packed "flt" mono arrives as shape (1, n).
    return np.asarray(frame.to_ndarray(), dtype=np.float32).reshape(-1)


def decode_raw(
    data: bytes | bytearray | memoryview,
    *,
    encoding: RawEncoding,
    sample_rate: int,
    channels: int = 1,
) -> FloatAudio:
    """Decode headerless audio (as sent by telephony and WebSocket clients) to 16 kHz mono.

    The caller must supply the format because raw PCM carries no header to probe.
    """
    raw = _as_bytes(data)
    if not raw:
        raise AudioDecodeError(_EMPTY_MESSAGE)
    if sample_rate <= 0 or sample_rate > 384_000:
        raise AudioDecodeError(f"unsupported sample rate {sample_rate}")
    if channels <= 0 or channels > 8:
        raise AudioDecodeError(f"unsupported channel count {channels}")
    if encoding == "linear16":
        frame_bytes = 2 * channels
        if len(raw) % frame_bytes:
            raise AudioDecodeError(
                f"linear16 audio must be a whole number of {frame_bytes}-byte frames "
                f"({channels} channel(s) x 16 bit); got {len(raw)} bytes"
            )
        pcm = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif encoding == "mulaw":
        if len(raw) % channels:
            raise AudioDecodeError(
                f"mulaw audio must be a whole number of {channels}-byte frames; "
                f"got {len(raw)} bytes"
            )
        pcm = _MULAW_TABLE[np.frombuffer(raw, dtype=np.uint8)]
    else:
        raise AudioDecodeError(f"unsupported raw encoding {encoding!r}")
    mono = pcm.reshape(-1, channels).mean(axis=1, dtype=np.float32) if channels > 1 else pcm
    return resample(mono.astype(np.float32, copy=False), sample_rate)


def _mulaw_table() -> FloatAudio:
    """G.711 mu-law expansion, computed once; a lookup is far faster than per-sample math."""
    u = ~np.arange(256, dtype=np.uint8)
    sign = (u & 0x80) != 0
    exponent = ((u >> 4) & 0x07).astype(np.int32)
    mantissa = (u & 0x0F).astype(np.int32)
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    linear = np.where(sign, -magnitude, magnitude)
    return (linear.astype(np.float32) / 32768.0).astype(np.float32)


_MULAW_TABLE = _mulaw_table()


def resample(samples: FloatAudio, sample_rate: int) -> FloatAudio:
    """Bring mono float32 audio to 16 kHz with FFmpeg's resampler (proper anti-aliasing)."""
    if sample_rate == SAMPLE_RATE or samples.size == 0:
        return samples
    frame = av.AudioFrame.from_ndarray(
        np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1), format="flt", layout="mono"
    )
    frame.sample_rate = sample_rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    chunks = [_frame_samples(f) for f in resampler.resample(frame)]
    chunks += [_frame_samples(f) for f in resampler.resample(None)]
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(chunks).astype(np.float32, copy=False)
