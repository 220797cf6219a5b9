"""One recording → one `Transcript`, through a shared client, whole or in chunks.

All requests of a run go through one `Client`, so they share its rate limiter and retry
policy, and through one semaphore, so at most `concurrency` are in flight even when the
chunks of a long file are sent in parallel with other files.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cfasr_ext import Client
from cfasr_ext._audio import AudioSource
from cfasr_ext._extras import import_extra
from cfasr_ext.chunking import DEFAULT_MAX_BYTES, chunk_to_wav, plan_chunks, stitch
from cfasr_ext.streaming.audio_file import pcm16_chunks
from cfasr_ext.transcript import Transcript

__all__ = ["DEFAULT_MAX_BYTES", "Transcriber"]

_CHUNK_RATE = 16_000


def _decode(path: Path) -> Any:
    """The whole file as float32 mono samples at 16 kHz (needs the `audio` extra)."""
    np = import_extra("numpy", extra="audio", feature="--chunking")
    pcm = b"".join(pcm16_chunks(path, sample_rate=_CHUNK_RATE, chunk_seconds=1.0))
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


class Transcriber:
    """Transcribes with `model` and `options`; `chunk_bytes` set = split long audio."""

    def __init__(
        self,
        client: Client,
        *,
        model: str,
        options: Mapping[str, Any],
        concurrency: int,
        chunk_bytes: int | None = None,
    ) -> None:
        self._client = client
        self._model = model
        self._options = dict(options)
        self._slots = threading.BoundedSemaphore(concurrency)
        self._concurrency = concurrency
        self._chunk_bytes = chunk_bytes

    def _send(self, audio: AudioSource) -> Transcript:
        with self._slots:
            return self._client.transcribe(audio, model=self._model, **self._options)

    def transcribe(self, audio: Path | bytes) -> Transcript:
        """A path or the bytes of an audio file → its transcript; raises SDK errors."""
        if self._chunk_bytes is None or not isinstance(audio, Path):
            return self._send(audio)
        if audio.stat().st_size <= self._chunk_bytes:
            return self._send(audio)
        pcm = _decode(audio)
        chunks = plan_chunks(pcm, _CHUNK_RATE, max_bytes=self._chunk_bytes)
        if len(chunks) == 1:
            return self._send(audio)

        def piece(index: int) -> tuple[float, Transcript]:
            chunk = chunks[index]
            return chunk.start_seconds, self._send(chunk_to_wav(pcm, _CHUNK_RATE, chunk))

        workers = min(self._concurrency, len(chunks))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cfasr-chunk") as pool:
            pieces = list(pool.map(piece, range(len(chunks))))
        return stitch(pieces, model=self._model, duration=len(pcm) / _CHUNK_RATE)
