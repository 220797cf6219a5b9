"""Decoding that keeps the channels apart, for nova-3's ``multichannel=true``.

``decode.py`` mixes every channel down to the one mono signal Whisper hears, which is right
for everything except multichannel requests: a stereo call recording (agent on the left,
caller on the right) must be transcribed one channel at a time, so each returns its own
words. These functions give one 16 kHz mono float32 array per channel, in channel order,
with the same failures (:class:`AudioDecodeError`, :class:`AudioTooLong`) as ``decode.py``.
"""

from __future__ import annotations

import io

import av
import numpy as np

from .decode import SAMPLE_BYTES, SAMPLE_RATE, FloatAudio, RawEncoding, decode_raw
from .failures import AudioDecodeError, AudioTooLong


def split_interleaved(raw: bytes, *, channels: int, sample_bytes: int) -> list[bytes]:
    """Headerless interleaved frames → one byte string per channel (same encoding, mono).

    Splitting the bytes before decoding lets every channel go through ``decode_raw``
    unchanged. A trailing partial frame is dropped, as a real decoder would.
    """
    frame_bytes = channels * sample_bytes
    whole = len(raw) - len(raw) % frame_bytes
    frames = np.frombuffer(raw[:whole], dtype=np.uint8).reshape(-1, channels, sample_bytes)
    return [frames[:, index, :].tobytes() for index in range(channels)]


def decode_raw_channels(
    data: bytes,
    *,
    encoding: RawEncoding,
    sample_rate: int,
    channels: int,
    max_seconds: float | None = None,
) -> list[FloatAudio]:
    """Headerless audio of ``channels`` interleaved channels → one 16 kHz array per channel."""
    if channels <= 0:
        raise AudioDecodeError(f"unsupported channel count {channels}")
    frame_bytes = SAMPLE_BYTES[encoding] * channels
    if data and len(data) % frame_bytes:
        raise AudioDecodeError(
            f"{encoding} audio must be a whole number of {frame_bytes}-byte frames "
            f"({channels} channel(s) x {8 * SAMPLE_BYTES[encoding]} bit); got {len(data)} bytes"
        )
    if max_seconds is not None and len(data) // frame_bytes > max_seconds * sample_rate:
        raise AudioTooLong(max_seconds)
    parts = split_interleaved(data, channels=channels, sample_bytes=SAMPLE_BYTES[encoding])
    return [
        decode_raw(part, encoding=encoding, sample_rate=sample_rate, channels=1) for part in parts
    ]


def decode_audio_channels(
    data: bytes, *, max_channels: int, max_seconds: float | None = None
) -> list[FloatAudio]:
    """Any container FFmpeg can probe → one 16 kHz array per channel of its first audio stream.

    A mono file gives a list of one; more than ``max_channels`` is refused (each channel
    costs a transcription). Decoding stops with :class:`AudioTooLong` past ``max_seconds``
    of audio per channel.
    """
    if not data:
        raise AudioDecodeError("audio is empty (0 bytes)")
    try:
        return _decode_container(data, max_channels, max_seconds)
    except AudioDecodeError:
        raise
    except Exception as exc:  # PyAV raises assorted types on garbage; never leak them.
        strerror = getattr(exc, "strerror", None)
        text = strerror.strip() if isinstance(strerror, str) else str(exc).strip()
        raise AudioDecodeError(f"could not decode audio: {text or type(exc).__name__}") from exc


def _decode_container(
    data: bytes, max_channels: int, max_seconds: float | None
) -> list[FloatAudio]:
    cap = None if max_seconds is None else int(max_seconds * SAMPLE_RATE)
    with av.open(io.BytesIO(data), mode="r") as container:
        if not container.streams.audio:
            raise AudioDecodeError("no audio stream found in the uploaded data")
        stream = container.streams.audio[0]
        declared = stream.codec_context.channels
        if declared > max_channels:  # refused before any decoding: each channel costs one
            raise AudioDecodeError(
                f"the audio has {declared} channels; multichannel takes at most {max_channels}"
            )
        # Packed float, split with numpy: PyAV's planar frames report the wrong number of
        # planes from 8 channels on, and reading them crashed the process (issue 29).
        resampler = av.AudioResampler(format="flt", rate=SAMPLE_RATE)
        chunks: list[FloatAudio] = []
        total = 0
        width = 0
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                width = _append(chunks, out, max_channels)
                total += chunks[-1].shape[0]
            if cap is not None and max_seconds is not None and total > cap:
                raise AudioTooLong(max_seconds)
        for out in resampler.resample(None):
            width = _append(chunks, out, max_channels)
            total += chunks[-1].shape[0]
    if cap is not None and max_seconds is not None and total > cap:
        raise AudioTooLong(max_seconds)
    if total == 0:
        raise AudioDecodeError("audio contains no samples")
    if any(chunk.shape[1] != width for chunk in chunks):
        raise AudioDecodeError("the number of channels changes within the audio")
    frames = np.concatenate(chunks, axis=0)
    return [np.ascontiguousarray(frames[:, index], dtype=np.float32) for index in range(width)]


def _append(chunks: list[FloatAudio], out: av.AudioFrame, max_channels: int) -> int:
    """One packed frame as (samples, channels); the channel count comes from the frame's
    own layout, checked against ``max_channels`` again (a stream may change it)."""
    channels = len(out.layout.channels)
    if channels > max_channels:
        raise AudioDecodeError(
            f"the audio has {channels} channels; multichannel takes at most {max_channels}"
        )
    packed = np.asarray(out.to_ndarray(), dtype=np.float32).reshape(-1, channels)
    chunks.append(packed)
    return channels


__all__ = [
    "decode_audio_channels",
    "decode_raw_channels",
    "split_interleaved",
]
