"""Model weights loaded once per process and shared by every engine in it.

A test suite starts many emulators in one process (a module fixture here, a fault-injecting
one there, one per pytest-xdist worker), and each used to load tiny.en and base again: a
second or so of CPU and a few hundred MB each time. The loaded model is safe to share: its
per-call state (the window choice, the deadline) lives in thread-locals, and CTranslate2
queues concurrent calls to one model by itself.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["load_shared"]

_loaded: dict[tuple[Path, int], Any] = {}
_lock = threading.Lock()


def load_shared(path: Path, *, cpu_threads: int) -> tuple[Any, float]:
    """The model in ``path`` and the seconds this call spent loading it (0.0 when another
    engine of this process had loaded it already)."""
    key = (path.resolve(), cpu_threads)
    with _lock:
        model = _loaded.get(key)
        if model is not None:
            return model, 0.0
        from .local_whisper import LocalWhisper

        started = time.perf_counter()
        model = LocalWhisper(
            str(path),
            device="cpu",
            compute_type="int8",
            cpu_threads=cpu_threads,
            num_workers=1,
            local_files_only=True,
        )
        _loaded[key] = model
        return model, time.perf_counter() - started
