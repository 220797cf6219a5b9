"""Long recordings: split at silences, transcribe the pieces concurrently, stitch one Transcript.

Whisper models have no documented size limit but time out or fail on long inputs (Cloudflare's
own tutorial sends ~1 MB pieces). The recording is decoded once (PyAV, the `audio` extra) into
an unnamed temporary file while its energy envelope is measured, so memory does not grow with
the recording's length (hours of audio would be gigabytes as samples; the envelope is 100
floats a second). Cuts go where the envelope is quietest near each boundary, so no word is
split, and each piece is read back from the file and sent as a small WAV through the caller's
`send` only when its turn comes, so at most `max_workers` pieces are in memory and the
client's rate limiter, retries and any concurrency limit of the caller apply to each piece.
Piece times are shifted back to absolute times by `chunking.stitch`.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing
from pathlib import Path
from typing import IO, Any

import attrs
from cfasr_client.contract.params import RunNova3Params

from cfasr_ext._errors import AudioInputError, OptionError
from cfasr_ext._extras import import_extra
from cfasr_ext._progress import ProgressCallback, ProgressTracker, retries_reported_to
from cfasr_ext.chunking import (
    DEFAULT_MAX_BYTES,
    Chunk,
    EnergyEnvelope,
    pcm16_to_wav,
    plan_chunks_from_energy,
    stitch,
)
from cfasr_ext.transcript import Transcript

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MIN_CHUNK_BYTES",
    "atranscribe_long",
    "chunk_budget",
    "transcribe_long",
]

SAMPLE_RATE = 16_000
_BYTES_PER_SAMPLE = 2
_MULTICHANNEL = attrs.fields(RunNova3Params).multichannel.name
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


def refuse_mixed_channels(options: Mapping[str, Any]) -> None:
    """Chunking decodes to mono pieces, which would mix the channels `multichannel` keeps
    apart: refuse the pair (`OptionError`) rather than return a silently mixed transcript."""
    if options.get(_MULTICHANNEL):
        raise OptionError(
            "chunking cuts the audio into mono pieces, which would mix the channels that "
            "multichannel=True keeps apart; use one or the other."
        )


class _DecodedRecording:
    """16 kHz mono 16-bit PCM of a whole recording in an unnamed temporary file (gone when
    closed, or when the process dies), with the pieces it is cut into. The file takes 115 MB
    per hour of audio in `tempfile.gettempdir()` (set TMPDIR to move it)."""

    def __init__(self, spool: IO[bytes], samples: int, chunks: list[Chunk]) -> None:
        self._spool = spool
        self._lock = threading.Lock()  # seek + read must not interleave between workers
        self.chunks = chunks
        self.duration = samples / SAMPLE_RATE

    def wav(self, chunk: Chunk) -> bytes:
        """The chunk's samples, read from the file, as a WAV (`chunk.wav_bytes` long)."""
        with self._lock:
            self._spool.seek(chunk.start_sample * _BYTES_PER_SAMPLE)
            frames = self._spool.read(chunk.samples * _BYTES_PER_SAMPLE)
        return pcm16_to_wav(frames, SAMPLE_RATE)

    def close(self) -> None:
        """Delete the file; a read still under way (an abandoned piece) finishes first."""
        with self._lock:
            self._spool.close()


def _decodable(audio: Any, max_bytes: int) -> str | Path | bytes | None:
    """What to decode, or None when the recording fits in one request as it is."""
    if isinstance(audio, (str, Path)):
        if Path(audio).is_file() and Path(audio).stat().st_size <= max_bytes:
            return None
        return audio
    if isinstance(audio, (bytes, bytearray, memoryview)):
        return None if len(audio) <= max_bytes else bytes(audio)
    raise AudioInputError(
        "chunking needs a path or the bytes of an audio file (it decodes the whole "
        "recording to find silences); pass one of those, or chunking=False."
    )


def _decode(audio: Any, max_bytes: int) -> _DecodedRecording | None:
    """The recording decoded to a temporary file and planned into pieces, or None when it
    fits in one request (then nothing is left open)."""
    source = _decodable(audio, max_bytes)
    if source is None:
        return None
    from cfasr_ext._audio_decoder import pcm16_chunks

    import_extra("numpy", extra="audio", feature="chunking")
    with ExitStack() as on_failure:
        spool = on_failure.enter_context(
            tempfile.TemporaryFile(prefix="cfasr-chunking-", suffix=".pcm")
        )
        envelope = EnergyEnvelope(SAMPLE_RATE)
        for pcm16 in pcm16_chunks(source, sample_rate=SAMPLE_RATE, chunk_seconds=1.0):
            spool.write(pcm16)
            envelope.add_pcm16(pcm16)
        spool.flush()
        chunks = plan_chunks_from_energy(
            envelope.energy(), envelope.samples, SAMPLE_RATE, max_bytes=max_bytes
        )
        if len(chunks) < 2:
            return None
        on_failure.pop_all()  # the file now belongs to the recording, closed by its user
    return _DecodedRecording(spool, envelope.samples, chunks)


def _tracker(recording: _DecodedRecording, on_progress: ProgressCallback | None) -> ProgressTracker:
    tracker = ProgressTracker(
        on_progress, pieces=len(recording.chunks), audio_seconds=recording.duration
    )
    tracker.start()
    return tracker


def transcribe_long(
    send: SendPiece,
    audio: Any,
    *,
    model: str,
    max_bytes: int,
    max_workers: int = 4,
    on_progress: ProgressCallback | None = None,
) -> Transcript | None:
    """Transcribe `audio` in pieces with `send` (one piece's WAV bytes → its Transcript);
    `on_progress` hears of the plan, each piece done and each retry.

    Returns None when the recording fits in one request, so the caller sends it whole."""
    recording = _decode(audio, max_bytes)
    if recording is None:
        return None
    with closing(recording):
        tracker = _tracker(recording, on_progress)

        def piece(chunk: Chunk) -> tuple[float, Transcript]:
            with retries_reported_to(tracker.retried):
                transcript = send(recording.wav(chunk))
            tracker.piece_done(chunk.samples / SAMPLE_RATE)
            return chunk.start_seconds, transcript

        workers = max(1, min(max_workers, len(recording.chunks)))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cfasr-chunk")
        try:
            pieces = list(pool.map(piece, recording.chunks))
        except BaseException:
            # A failed piece or Ctrl-C: the queued pieces' requests would be wasted, so they
            # are cancelled; the ones in flight are waited for, so none still reads the
            # recording once it is closed.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        return stitch(pieces, model=model, duration=recording.duration)


async def atranscribe_long(
    send: AsyncSendPiece,
    audio: Any,
    *,
    model: str,
    max_bytes: int,
    max_workers: int = 4,
    on_progress: ProgressCallback | None = None,
) -> Transcript | None:
    """`transcribe_long` for async senders; decoding and reading pieces run in threads."""
    recording = await asyncio.to_thread(_decode, audio, max_bytes)
    if recording is None:
        return None
    with closing(recording):
        tracker = _tracker(recording, on_progress)
        slots = asyncio.Semaphore(max(1, max_workers))

        async def piece(chunk: Chunk) -> tuple[float, Transcript]:
            async with slots:
                wav = await asyncio.to_thread(recording.wav, chunk)
                with retries_reported_to(tracker.retried):
                    transcript = await send(wav)
                tracker.piece_done(chunk.samples / SAMPLE_RATE)
                return chunk.start_seconds, transcript

        tasks = [asyncio.ensure_future(piece(chunk)) for chunk in recording.chunks]
        try:
            pieces = await asyncio.gather(*tasks)
        except BaseException:
            # Stop the other pieces before the file goes: their requests are wasted now.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        return stitch(list(pieces), model=model, duration=recording.duration)
