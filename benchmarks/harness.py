"""What every benchmark shares: the emulator in a child process, statistics, WAV files.

The emulator runs as ``python -m cfasr_emulator`` in its own process (a child of the
benchmark, so one process tree) so that client and server never share a GIL: the client's
numbers are then the client's, not the sum of both.
"""

from __future__ import annotations

import contextlib
import os
import platform
import random
import socket
import statistics
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
ACCOUNT_ID = "0123456789abcdef0123456789abcdef"
TOKEN = "cfasr-bench-token"
MIB = 1024 * 1024
SKIP_NOTE = (
    "emulator engine mode 'skip' (recognition skipped, empty transcripts): "
    "these figures measure the client and the transport, not speech recognition"
)
_START_TIMEOUT_S = 60.0


@attrs.frozen
class Emulator:
    """A running emulator child process: where it listens and how it was started."""

    base_url: str
    port: int
    engine_mode: str
    flags: tuple[str, ...]

    def model_url(self, model: str) -> str:
        return f"{self.base_url}/accounts/{ACCOUNT_ID}/ai/run/{model}"

    def websocket_url(self, model: str) -> str:
        return "ws" + self.model_url(model).removeprefix("http")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the emulator exited with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.05)
        else:
            return
    raise RuntimeError(f"the emulator did not listen on port {port} within {_START_TIMEOUT_S} s")


@contextlib.contextmanager
def emulator(
    *,
    engine_mode: str = "skip",
    requests_per_minute: int = 10_000_000,
    max_body_bytes: int = 4 * 1024 * MIB,
    engine_queue: int = 64,
    max_ws_sessions: int = 16,
    idle_timeout_s: float = 60.0,
    max_audio_seconds: float = 24 * 3600.0,
) -> Iterator[Emulator]:
    """Serve the emulator on a free loopback port for the ``with`` block.

    The defaults lift the emulator's own limits (rate, body size, engine queue, decoded audio
    length: a 100 MB upload is 55 minutes of 16 kHz audio) so that they do not decide the
    figures; a benchmark that measures a limit passes it explicitly.
    """
    port = free_port()
    flags = (
        f"--engine={engine_mode}",
        f"--requests-per-minute={requests_per_minute}",
        f"--max-body-bytes={max_body_bytes}",
        f"--engine-queue={engine_queue}",
        f"--max-ws-sessions={max_ws_sessions}",
        f"--idle-timeout={idle_timeout_s}",
        f"--max-audio-seconds={max_audio_seconds}",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CFASR_EMULATOR_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cfasr_emulator", f"--port={port}", "--log-level=warning", *flags],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield Emulator(f"http://127.0.0.1:{port}/client/v4", port, engine_mode, flags)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server child process; kill it if it has not ended within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def summary(samples: list[float], *, digits: int = 6) -> dict[str, Any]:
    """min / median / runs of a list of timings (seconds)."""
    return {
        "min": round(min(samples), digits),
        "median": round(statistics.median(samples), digits),
        "runs": len(samples),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator`` to 3 decimals; None (JSON null) when undefined."""
    return round(numerator / denominator, 3) if denominator > 0 else None


def time_calls(call: Callable[[], object], repeat: int) -> list[float]:
    """Wall time of ``repeat`` calls (seconds each)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def _wav_header(data_bytes: int, rate: int, channels: int) -> bytes:
    block = channels * 2
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block, block, 16)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


def _noise_block(size: int) -> bytes:
    """Deterministic noise: audio-like bytes (all 256 values), so JSON and base64 sizes are
    what real recordings give, not the flattering sizes of silence."""
    return random.Random(20_26).randbytes(size)


def write_wav(path: Path, total_bytes: int, *, rate: int = 16_000, channels: int = 1) -> Path:
    """A valid 16-bit PCM WAV of exactly ``total_bytes`` (rounded down to whole frames)."""
    block = channels * 2
    data_bytes = (total_bytes - 44) // block * block
    noise = _noise_block(MIB)
    with path.open("wb") as handle:
        handle.write(_wav_header(data_bytes, rate, channels))
        left = data_bytes
        while left:
            piece = noise[: min(left, len(noise))]
            handle.write(piece)
            left -= len(piece)
    return path


def wav_bytes(seconds: float, *, rate: int = 16_000) -> bytes:
    """A short in-memory WAV of noise, ``seconds`` long."""
    data_bytes = int(seconds * rate) * 2
    return _wav_header(data_bytes, rate, 1) + _noise_block(data_bytes)


def machine() -> dict[str, Any]:
    """What the figures depend on: they compare only within one run on one machine."""
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
