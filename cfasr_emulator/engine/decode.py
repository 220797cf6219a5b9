"""Turn whatever bytes a client uploads into the one format Whisper and Silero accept.

Every failure is reported as :class:`AudioDecodeError`, because the HTTP layer must be able
to answer "bad audio" without knowing anything about FFmpeg's error zoo.
"""

from __future__ import annotations

import io
from typing import Literal, TypeGuard, get_args

import av
import av.error
import numpy as np
import numpy.typing as npt

from .failures import AudioDecodeError, AudioTooLong

SAMPLE_RATE = 16_000
"""Whisper and Silero are both trained on 16 kHz; everything is converted to it once, here."""

RawEncoding = Literal["linear16", "linear32", "alaw", "mulaw"]
"""Headerless encodings decoded here (Deepgram's names): signed little-endian PCM of 16 or
32 bits, and G.711 A-law and mu-law."""
RAW_ENCODINGS: tuple[RawEncoding, ...] = get_args(RawEncoding)
PROBED_ENCODINGS = ("flac", "opus", "ogg-opus", "amr-nb", "amr-wb")
"""Encodings whose streams carry their own header (FLAC, Ogg, the AMR storage format), so
FFmpeg probes them like any file."""
SAMPLE_BYTES: dict[RawEncoding, int] = {"linear16": 2, "linear32": 4, "alaw": 1, "mulaw": 1}
FloatAudio = npt.NDArray[np.float32]


def is_raw_encoding(encoding: str | None) -> TypeGuard[RawEncoding]:
    return encoding in RAW_ENCODINGS


def undecodable_encoding(encoding: str) -> str:
    """Why an encoding the spec accepts is still refused (the same words on every path)."""
    supported = ", ".join((*RAW_ENCODINGS, *PROBED_ENCODINGS))
    return (
        f"'/encoding' {encoding!r} is valid for Cloudflare but the local emulator does not "
        f"decode it; use one of {supported}, or omit it for containerised audio"
    )


_EMPTY_MESSAGE = "audio is empty (0 bytes)"


def _as_bytes(data: bytes | bytearray | memoryview) -> bytes:
    return data if isinstance(data, bytes) else bytes(data)


def _cap(max_seconds: float | None) -> int | None:
    return None if max_seconds is None else int(max_seconds * SAMPLE_RATE)


def decode_audio(
    data: bytes | bytearray | memoryview, *, max_seconds: float | None = None
) -> FloatAudio:
    """Decode any container FFmpeg can probe (wav, mp3, flac, ogg/opus, webm, m4a, ...).

    Returns mono float32 at 16 kHz. The container is probed from the content, not a name or
    a content type, because clients routinely send the wrong ``Content-Type``. Past
    ``max_seconds`` of decoded audio, decoding stops at once with :class:`AudioTooLong`
    (a few kilobytes of FLAC can expand to hours of samples).
    """
    raw = _as_bytes(data)
    if not raw:
        raise AudioDecodeError(_EMPTY_MESSAGE)
    try:
        return _decode_container(raw, max_seconds)
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


def _decode_container(raw: bytes, max_seconds: float | None) -> FloatAudio:
    cap = _cap(max_seconds)
    with av.open(io.BytesIO(raw), mode="r") as container:
        if not container.streams.audio:
            raise AudioDecodeError("no audio stream found in the uploaded data")
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        chunks: list[FloatAudio] = []
        total = 0
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(_frame_samples(out))
                total += chunks[-1].size
            if cap is not None and max_seconds is not None and total > cap:
                raise AudioTooLong(max_seconds)
        for out in resampler.resample(None):
            chunks.append(_frame_samples(out))
            total += chunks[-1].size
    if cap is not None and max_seconds is not None and total > cap:
        raise AudioTooLong(max_seconds)
    if total == 0:
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
    max_seconds: float | None = None,
) -> FloatAudio:
    """Decode headerless audio (as sent by telephony and WebSocket clients) to 16 kHz mono.

    The caller must supply the format because raw PCM carries no header to probe. Audio
    longer than ``max_seconds`` is refused (:class:`AudioTooLong`) before anything is decoded.
    """
    raw = _as_bytes(data)
    if not raw:
        raise AudioDecodeError(_EMPTY_MESSAGE)
    if sample_rate <= 0 or sample_rate > 384_000:
        raise AudioDecodeError(f"unsupported sample rate {sample_rate}")
    if channels <= 0 or channels > 8:
        raise AudioDecodeError(f"unsupported channel count {channels}")
    if encoding not in SAMPLE_BYTES:
        raise AudioDecodeError(f"unsupported raw encoding {encoding!r}")
    frame_bytes = SAMPLE_BYTES[encoding] * channels
    if len(raw) % frame_bytes:
        raise AudioDecodeError(
            f"{encoding} audio must be a whole number of {frame_bytes}-byte frames "
            f"({channels} channel(s) x {8 * SAMPLE_BYTES[encoding]} bit); got {len(raw)} bytes"
        )
    if max_seconds is not None and len(raw) // frame_bytes > max_seconds * sample_rate:
        raise AudioTooLong(max_seconds)
    if encoding == "linear16":
        pcm = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif encoding == "linear32":
        pcm = (np.frombuffer(raw, dtype="<i4").astype(np.float64) / 2147483648.0).astype(np.float32)
    elif encoding == "alaw":
        pcm = _ALAW_TABLE[np.frombuffer(raw, dtype=np.uint8)]
    else:
        pcm = _MULAW_TABLE[np.frombuffer(raw, dtype=np.uint8)]
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


def _alaw_table() -> FloatAudio:
    """G.711 A-law expansion (even bits inverted on the wire), computed once."""
    a = np.arange(256, dtype=np.int32) ^ 0x55
    exponent = (a >> 4) & 0x07
    mantissa = a & 0x0F
    magnitude = np.where(
        exponent == 0, (mantissa << 4) + 8, ((mantissa << 4) + 0x108) << np.maximum(exponent - 1, 0)
    )
    linear = np.where((a & 0x80) != 0, magnitude, -magnitude)
    return (linear.astype(np.float32) / 32768.0).astype(np.float32)


_ALAW_TABLE = _alaw_table()


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
