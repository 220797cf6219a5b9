"""One recording → one `Transcript`, through a shared client, whole or in chunks.

All requests of a run go through one `Client`, so they share its rate limiter and retry
policy, and through one semaphore, so at most `concurrency` are in flight even when the
chunks of a long file are sent in parallel with other files.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cfasr_ext import AudioSource, Client, ProgressCallback
from cfasr_ext.chunking import DEFAULT_MAX_BYTES
from cfasr_ext.internal import transcribe_long, transcribe_piece
from cfasr_ext.transcript import Transcript

__all__ = ["DEFAULT_MAX_BYTES", "FileTranscriber"]


class FileTranscriber:
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

    def _send_piece(self, wav: bytes, timeout: float) -> Transcript:
        with self._slots:
            return transcribe_piece(
                self._client, wav, model=self._model, timeout=timeout, options=self._options
            )

    def transcribe(
        self, audio: Path | bytes, on_progress: ProgressCallback | None = None
    ) -> Transcript:
        """A path or the bytes of an audio file (standard input) → its transcript; raises SDK
        errors. `on_progress` hears of a chunked file's pieces (a file sent whole says nothing:
        the files counter covers it).

        Pieces of a long file go through the same semaphore as whole files, so a run never
        has more than `concurrency` requests in flight."""
        if self._chunk_bytes is not None:
            whole = transcribe_long(
                self._send_piece,
                audio,
                model=self._model,
                max_bytes=self._chunk_bytes,
                max_workers=self._concurrency,
                on_progress=on_progress,
                timeout=self._client.settings.timeout,
                policy=self._client.retry_policy,
            )
            if whole is not None:
                return whole
        return self._send(audio)
