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

Pieces are paced and kept (issue 29, item 8), by `_PiecePlan`:
- a finished piece is kept and never sent again; a piece that still fails after the client's
  own retries is queued again after the retry policy's backoff, up to `PIECE_ROUNDS` times,
  and when it still fails `PartialTranscriptError` carries the finished pieces;
- concurrency halves on each 429 and grows back by one on each success, never above
  `max_workers`: the 429 is not retried in place (`_piece_pacing`), the piece goes back to
  the queue, after its Retry-After;
- each piece's timeout grows with its audio (`piece_timeout`).
"""

from __future__ import annotations

import asyncio
import math
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing, suppress
from pathlib import Path
from typing import IO, Any

import attrs
from cfasr_client.contract.params import RunNova3Params

from cfasr_ext._config import DEFAULT_TIMEOUT
from cfasr_ext._errors import (
    AudioInputError,
    CfasrError,
    OptionError,
    PartialTranscriptError,
    RateLimitError,
)
from cfasr_ext._extras import import_extra
from cfasr_ext._piece_pacing import rate_limits_left_to_caller
from cfasr_ext._progress import ProgressCallback, ProgressTracker, retries_reported_to
from cfasr_ext._retry import RetryPolicy
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
    "piece_timeout",
    "transcribe_long",
]

SAMPLE_RATE = 16_000
_BYTES_PER_SAMPLE = 2
_MULTICHANNEL = attrs.fields(RunNova3Params).multichannel.name
MIN_CHUNK_BYTES = 64_000
"""Two seconds of 16 kHz 16-bit audio: smaller pieces would cut through words."""

PIECE_ROUNDS = 3
"""How many times a piece is sent through the client's retries before the call gives it up
(a 429 does not count: it lowers the concurrency instead, up to `MAX_THROTTLES` times)."""
MAX_THROTTLES = 8
"""How many 429s one piece may meet before it counts as failed."""
SECONDS_PER_AUDIO_SECOND = 4.0
"""k in a piece's timeout, max(client timeout, k × piece seconds). A piece may wait behind
the other pieces in flight: with the default `max_workers=4`, up to 3 of the same length,
at a server decoding at about real time (the CPU emulator on a busy machine; Workers AI is
faster), so 4 s per second of audio. The client's own timeout stays the floor."""

SendPiece = Callable[[bytes, float], Transcript]
"""One piece's WAV bytes and its timeout in seconds → its Transcript."""
AsyncSendPiece = Callable[[bytes, float], Awaitable[Transcript]]


def piece_timeout(timeout: float, piece_seconds: float) -> float:
    """A piece's timeout: the client's, or `SECONDS_PER_AUDIO_SECOND` per second of audio."""
    return max(timeout, SECONDS_PER_AUDIO_SECOND * piece_seconds)


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


@attrs.define(eq=False)
class _Piece:
    chunk: Chunk
    rounds: int = 0
    """Sends that failed after the client's own retries."""
    throttles: int = 0
    """429s met."""
    ready_at: float = 0.0
    """`time.monotonic()` before which it is not sent again (its backoff)."""
    error: CfasrError | None = None

    @property
    def seconds(self) -> float:
        return self.chunk.samples / SAMPLE_RATE


class _PiecePlan:
    """Which piece goes next and how many may be in flight; no locking, no I/O (the sync
    and async drivers hold their own lock around every call)."""

    def __init__(self, chunks: list[Chunk], max_workers: int, policy: RetryPolicy) -> None:
        self.ceiling = max(1, min(max_workers, len(chunks)))
        self.limit = self.ceiling
        """Pieces allowed in flight now: halved on a 429, one more on each success."""
        self.in_flight = 0
        self._policy = policy
        self._waiting = [_Piece(chunk) for chunk in chunks]
        self.finished: list[tuple[float, Transcript]] = []
        self.failed: list[_Piece] = []
        self.fatal: BaseException | None = None

    def next(self, now: float) -> _Piece | float | None:
        """A piece to send now; else seconds to wait (`math.inf`: until a piece ends);
        None when nothing is left to send."""
        if self.fatal is not None or (not self._waiting and not self.in_flight):
            return None
        if not self._waiting or self.in_flight >= self.limit:
            return math.inf
        ready = [p for p in self._waiting if p.ready_at <= now]
        if not ready:
            return min(p.ready_at for p in self._waiting) - now
        piece = min(ready, key=lambda p: p.chunk.start_sample)
        self._waiting.remove(piece)
        self.in_flight += 1
        return piece

    def succeeded(self, piece: _Piece, transcript: Transcript) -> None:
        self.in_flight -= 1
        self.limit = min(self.ceiling, self.limit + 1)
        self.finished.append((piece.chunk.start_seconds, transcript))

    def failed_with(self, piece: _Piece, error: BaseException, now: float) -> bool:
        """Queue `piece` again after `error` if it may be; True when it was."""
        self.in_flight -= 1
        if not isinstance(error, CfasrError) or not self._policy.is_retryable(error):
            self.fatal = self.fatal or error  # bad input, credentials, Ctrl-C: stop all
            return False
        piece.error = error
        if isinstance(error, RateLimitError):
            self.limit = max(1, self.limit // 2)
            piece.throttles += 1
            tries, allowed = piece.throttles, MAX_THROTTLES
        else:
            piece.rounds += 1
            tries, allowed = piece.rounds, PIECE_ROUNDS
        delay = self._policy.delay(tries, error) if tries < allowed else None
        if delay is None:
            self.failed.append(piece)
            return False
        piece.ready_at = now + delay
        self._waiting.append(piece)
        return True

    def result(self, *, model: str, duration: float) -> Transcript:
        """The stitched transcript; raises the fatal error or `PartialTranscriptError`."""
        if self.fatal is not None:
            raise self.fatal
        transcript = stitch(
            sorted(self.finished, key=lambda p: p[0]), model=model, duration=duration
        )
        if not self.failed:
            return transcript
        failed = sorted(self.failed, key=lambda p: p.chunk.start_sample)
        errors = tuple(p.error for p in failed if p.error is not None)
        spans = tuple((p.chunk.start_seconds, p.chunk.start_seconds + p.seconds) for p in failed)
        listed = ", ".join(f"{start:.1f}-{end:.1f} s" for start, end in spans)
        error = PartialTranscriptError(
            f"{len(failed)} of {len(failed) + len(self.finished)} pieces still failed after "
            f"{PIECE_ROUNDS} rounds of retries ({listed}); the error's .transcript has the "
            f"{len(self.finished)} finished pieces and .failed their spans. Last error: "
            f"{errors[0] if errors else 'unknown'}",
            transcript=transcript,
            failed=spans,
            errors=errors,
        )
        raise error from (errors[0] if errors else None)


def transcribe_long(
    send: SendPiece,
    audio: Any,
    *,
    model: str,
    max_bytes: int,
    max_workers: int = 4,
    on_progress: ProgressCallback | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    policy: RetryPolicy | None = None,
) -> Transcript | None:
    """Transcribe `audio` in pieces with `send` (one piece's WAV bytes and timeout → its
    Transcript); `on_progress` hears of the plan, each piece done and each retry. `timeout`
    is the client's (each piece's is `piece_timeout`), `policy` its retry policy (their
    defaults are a default client's).

    Returns None when the recording fits in one request, so the caller sends it whole."""
    recording = _decode(audio, max_bytes)
    if recording is None:
        return None
    policy = policy or RetryPolicy()
    with closing(recording):
        tracker = _tracker(recording, on_progress)
        plan = _PiecePlan(recording.chunks, max_workers, policy)
        changed = threading.Condition()

        def worker() -> None:
            while True:
                with changed:
                    while not isinstance(step := plan.next(time.monotonic()), _Piece):
                        if step is None:
                            return
                        changed.wait(None if step == math.inf else step)
                piece = step
                try:
                    wav = recording.wav(piece.chunk)
                    with retries_reported_to(tracker.retried), rate_limits_left_to_caller():
                        transcript = send(wav, piece_timeout(timeout, piece.seconds))
                except BaseException as exc:
                    with changed:
                        again = plan.failed_with(piece, exc, time.monotonic())
                        changed.notify_all()
                    if again:
                        tracker.retried()
                    continue
                with changed:
                    plan.succeeded(piece, transcript)
                    changed.notify_all()
                tracker.piece_done(piece.seconds)

        pool = ThreadPoolExecutor(max_workers=plan.ceiling, thread_name_prefix="cfasr-chunk")
        try:
            for future in [pool.submit(worker) for _ in range(plan.ceiling)]:
                future.result()
        except BaseException as exc:
            # Ctrl-C: no piece is started any more; the ones in flight are waited for, so
            # none still reads the recording once it is closed.
            with changed:
                plan.fatal = plan.fatal or exc
                changed.notify_all()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        return plan.result(model=model, duration=recording.duration)


async def atranscribe_long(
    send: AsyncSendPiece,
    audio: Any,
    *,
    model: str,
    max_bytes: int,
    max_workers: int = 4,
    on_progress: ProgressCallback | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    policy: RetryPolicy | None = None,
) -> Transcript | None:
    """`transcribe_long` for async senders; decoding and reading pieces run in threads."""
    recording = await asyncio.to_thread(_decode, audio, max_bytes)
    if recording is None:
        return None
    policy = policy or RetryPolicy()
    with closing(recording):
        tracker = _tracker(recording, on_progress)
        plan = _PiecePlan(recording.chunks, max_workers, policy)
        changed = asyncio.Condition()

        async def wait(step: float) -> None:
            with suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), None if step == math.inf else step)

        async def worker() -> None:
            while True:
                async with changed:
                    while not isinstance(step := plan.next(time.monotonic()), _Piece):
                        if step is None:
                            return
                        await wait(step)
                piece = step
                try:
                    wav = await asyncio.to_thread(recording.wav, piece.chunk)
                    with retries_reported_to(tracker.retried), rate_limits_left_to_caller():
                        transcript = await send(wav, piece_timeout(timeout, piece.seconds))
                except asyncio.CancelledError:
                    raise
                except BaseException as exc:
                    async with changed:
                        again = plan.failed_with(piece, exc, time.monotonic())
                        changed.notify_all()
                    if again:
                        tracker.retried()
                    continue
                async with changed:
                    plan.succeeded(piece, transcript)
                    changed.notify_all()
                tracker.piece_done(piece.seconds)

        tasks = [asyncio.ensure_future(worker()) for _ in range(plan.ceiling)]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            # Stop the other pieces before the file goes: their requests are wasted now.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        return plan.result(model=model, duration=recording.duration)
