"""Any audio file → linear16 chunks at the session's sample rate, with PyAV (lazy import:
it is the optional `audio` extra): mono, or every channel interleaved for a multichannel
stream."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cfasr_ext._errors import AudioInputError

__all__ = ["DEFAULT_CHUNK_SECONDS", "pcm16_chunks"]

DEFAULT_CHUNK_SECONDS = 0.08  # ~80 ms per frame: the size Deepgram recommends for latency


def _import_av() -> Any:
    try:
        import av
    except ImportError:
        raise AudioInputError(
            "decoding audio files needs PyAV; install it with: pip install 'cfasr[audio]' "
            "(or send raw linear16 chunks with send())."
        ) from None
    return av


def pcm16_chunks(
    path: str | Path | bytes | IO[bytes],
    *,
    sample_rate: int,
    chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
    channels: int = 1,
) -> Iterator[bytes]:
    """Decode `path` (or the bytes of an audio file, or a seekable binary file) and yield
    signed 16-bit little-endian PCM, `chunk_seconds` each (the last one shorter). With
    `channels=1` every channel is mixed to mono; with more, the file must have exactly that
    many channels, sent interleaved and never remixed (a stereo call keeps its agent and
    caller apart). Raises `AudioInputError` for missing, empty or non-audio input, or another
    channel count."""
    av = _import_av()
    if isinstance(path, bytes):
        if not path:
            raise AudioInputError("the audio is empty (0 bytes); pass the bytes of an audio file.")
        file: Path | str = "the audio bytes"
        opened: Any = io.BytesIO(path)
    elif not isinstance(path, str | Path):
        file, opened = "the audio file", path
    else:
        file = Path(path)
        if not file.is_file():
            raise AudioInputError(f"{file} is not a file; pass the path of an audio file.")
        opened = str(file)
    frame_bytes = 2 * channels
    chunk_bytes = max(frame_bytes, int(sample_rate * chunk_seconds) * frame_bytes)
    try:
        container = av.open(opened, mode="r")  # a file object opened "w+b" would mean write
    except (av.error.FFmpegError, OSError) as exc:
        raise AudioInputError(f"{file} could not be opened as audio: {exc}") from None
    with container:
        if not container.streams.audio:
            raise AudioInputError(f"{file} has no audio stream.")
        stream = container.streams.audio[0]
        if channels > 1 and stream.codec_context.channels != channels:
            raise AudioInputError(
                f"{file} has {stream.codec_context.channels} channel(s), but the stream was "
                f"opened with channels={channels}."
            )
        # layout=None keeps the file's own layout: its channels are never remixed.
        layout = "mono" if channels == 1 else None
        resampler = av.AudioResampler(format="s16", layout=layout, rate=sample_rate)
        pending = bytearray()
        produced = False
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    pending += out.to_ndarray().tobytes()
                while len(pending) >= chunk_bytes:
                    produced = True
                    yield bytes(pending[:chunk_bytes])
                    del pending[:chunk_bytes]
            for out in resampler.resample(None):
                pending += out.to_ndarray().tobytes()
        except av.error.FFmpegError as exc:
            raise AudioInputError(f"{file} could not be decoded: {exc}") from None
        if pending:
            produced = True
            yield bytes(pending)
        if not produced:
            raise AudioInputError(f"{file} contains no audio samples.")


def audio_channels(path: str | Path) -> int:
    """How many channels the first audio stream of `path` has (PyAV, the `audio` extra), so a
    multichannel stream can be opened with the file's own count; `AudioInputError` when it is
    not audio."""
    av = _import_av()
    try:
        container = av.open(str(path), mode="r")
    except (av.error.FFmpegError, OSError) as exc:
        raise AudioInputError(f"{path} could not be opened as audio: {exc}") from None
    with container:
        if not container.streams.audio:
            raise AudioInputError(f"{path} has no audio stream.")
        return int(container.streams.audio[0].codec_context.channels)
