"""Long recordings: split at silences, transcribe the pieces concurrently, stitch one Transcript.

Whisper models have no documented size limit but time out or fail on long inputs (Cloudflare's
own tutorial sends ~1 MB pieces). The recording is decoded once (PyAV, the `audio` extra),
cut where the signal is quietest near each boundary so no word is split, and every piece is
sent as a small WAV through the caller's `send`, so the client's rate limiter, retries and any
concurrency limit of the caller apply to each piece. Piece times are shifted back to absolute
times by `chunking.stitch`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cfasr_ext._errors import AudioInputError, OptionError
from cfasr_ext._extras import import_extra
from cfasr_ext.chunking import DEFAULT_MAX_BYTES, Chunk, chunk_to_wav, plan_chunks, stitch
from cfasr_ext.transcript import Transcript

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MIN_CHUNK_BYTES",
    "atranscribe_long",
    "chunk_budget",
    "transcribe_long",
]

SAMPLE_RATE = 16_000
MIN_CHUNK_BYTES = 64_000
"""Two seconds of 16 kHz 16-bit audio: smaller pieces would cut through words."""

SendPiece = Callable[[bytes], Transcript]
AsyncSendPiece = Callable[[bytes], Awaitable[Transcript]]


def chunk_budget(chunking: bool | int) -> int | None:
    """`chunking=True` → the default piece size; an int → that many bytes; False → None."""
    if chunking is False:
        return None
    budget = DEFAULT_MAX_BYTES if chunking is True else int(chunking)
    if budget < MIN_CHUNK_BYTES:
        raise OptionError(
            f"chunking must be True or a piece size of at least {MIN_CHUNK_BYTES} bytes "
            f"(2 s of audio), got {chunking!r}."
        )
    return budget


def _plan(audio: Any, max_bytes: int) -> tuple[Any, list[Chunk]] | None:
    """Decoded PCM and its pieces, or None when the recording fits in one request."""
    if isinstance(audio, (str, Path)):
        if Path(audio).is_file() and Path(audio).stat().st_size <= max_bytes:
            return None
        source: str | Path | bytes = audio
    elif isinstance(audio, (bytes, bytearray, memoryview)):
        if len(audio) <= max_bytes:
            return None
        source = bytes(audio)
    else:
        raise AudioInputError(
            "chunking needs a path or the bytes of an audio file (it decodes the whole "
            "recording to find silences); pass one of those, or chunking=False."
        )
    from cfasr_ext.streaming.audio_file import pcm16_chunks

    np = import_extra("numpy", extra="audio", feature="chunking")

    pcm16 = b"".join(pcm16_chunks(source, sample_rate=SAMPLE_RATE, chunk_seconds=1.0))
    pcm = np.frombuffer(pcm16, dtype="<i2").astype(np.float32) / 32768.0
    chunks = plan_chunks(pcm, SAMPLE_RATE, max_bytes=max_bytes)
    return (pcm, chunks) if len(chunks) > 1 else None


def transcribe_long(
    send: SendPiece,
    audio: Any,
    *,
    model: str,
    max_bytes: int,
    max_workers: int = 4,
) -> Transcript | None:
    """Transcribe `audio` in pieces with `send` (one piece's WAV bytes → its Transcript).

    Returns None when the recording fits in one request, so the caller sends it whole."""
    planned = _plan(audio, max_bytes)
    if planned is None:
        return None
    pcm, chunks = planned

    def piece(chunk: Chunk) -> tuple[float, Transcript]:
        return chunk.start_seconds, send(chunk_to_wav(pcm, SAMPLE_RATE, chunk))

    workers = max(1, min(max_workers, len(chunks)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cfasr-chunk") as pool:
        pieces = list(pool.map(piece, chunks))
    return stitch(pieces, model=model, duration=len(pcm) / SAMPLE_RATE)


async def atranscribe_long(
    send: AsyncSendPiece,
    audio: Any,
    *,
    model: str,
    max_bytes: int,
    max_workers: int = 4,
) -> Transcript | None:
    """`transcribe_long` for async senders; decoding runs in a worker thread."""
    planned = await asyncio.to_thread(_plan, audio, max_bytes)
    if planned is None:
        return None
    pcm, chunks = planned
    slots = asyncio.Semaphore(max(1, max_workers))

    async def piece(chunk: Chunk) -> tuple[float, Transcript]:
        async with slots:
            return chunk.start_seconds, await send(chunk_to_wav(pcm, SAMPLE_RATE, chunk))

    pieces = await asyncio.gather(*(piece(chunk) for chunk in chunks))
    return stitch(list(pieces), model=model, duration=len(pcm) / SAMPLE_RATE)
