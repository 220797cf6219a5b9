"""The soak's emulator: one ``python -m cfasr_emulator`` child process, and the readings of
what it holds (RSS, file descriptors and threads from ``/proc``, sessions, engine slots and
batches from ``GET /_emulator/status``).

Its own module because it is the one part that knows the process: the load (``soak_load``)
only needs where the emulator listens, and the run (``soak``) starts it and takes its
readings through these functions, without reading ``/proc`` or the status JSON itself.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import harness
import httpx

STATUS_PATH = "/_emulator/status"
IDLE_TIMEOUT_S = 5.0
"""The emulator's idle timeout for streams: a stalled or silent client goes within this."""
RAW_QUERY = "encoding=linear16&sample_rate=16000"


@attrs.frozen
class Sample:
    """One reading of the emulator process."""

    t: float
    phase: str
    rss_mib: float
    fds: int
    threads: int
    pool_threads: int
    """Idle workers of asyncio's default executor: a bounded pool that keeps them."""
    open_sessions: int
    engine_in_flight: int | None
    engine_waiting: int | None
    """Decodes queued for the engine's next turn: the queue depth, streams included."""
    pending_batches: int

    @property
    def own_threads(self) -> int:
        """Threads that are not the pool's idle workers: these must come back."""
        return self.threads - self.pool_threads


@attrs.frozen
class Target:
    """The emulator child process."""

    pid: int
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rest_url(self, model: str) -> str:
        return f"{self.origin}/client/v4/accounts/{harness.ACCOUNT_ID}/ai/run/{model}"

    def ws_url(self, model: str, query: str = RAW_QUERY) -> str:
        return "ws" + self.rest_url(model).removeprefix("http") + "?" + query


@contextlib.contextmanager
def emulator_process(engine: str) -> Iterator[Target]:
    """``python -m cfasr_emulator`` on a free port, faults on, rate limit out of the way."""
    port = harness.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CFASR_EMULATOR_")}
    env["CFASR_EMULATOR_TOKEN"] = harness.TOKEN
    command = [
        sys.executable,
        "-m",
        "cfasr_emulator",
        f"--port={port}",
        "--log-level=error",
        f"--engine={engine}",
        "--faults",
        "--requests-per-minute=1000000",
        f"--idle-timeout={IDLE_TIMEOUT_S}",
        "--body-timeout=3",
        "--keep-alive-timeout=2",
    ]
    process = subprocess.Popen(
        command, cwd=harness.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        harness.wait_for_port(port, process)
        yield Target(process.pid, port)
    finally:
        process.terminate()
        try:
            _, errors = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, errors = process.communicate()
        tracebacks = errors.decode(errors="replace").count("Traceback")
        if tracebacks:
            print(f"emulator log: {tracebacks} traceback(s)", file=sys.stderr)
            print(errors.decode(errors="replace")[-3000:], file=sys.stderr)


def proc_figures(pid: int) -> tuple[float, int, int]:
    """RSS in MiB, open file descriptors and threads of ``pid``, from /proc."""
    rss_kib = threads = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss_kib = int(line.split()[1])
        elif line.startswith("Threads:"):
            threads = int(line.split()[1])
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return rss_kib / 1024, fds, threads


async def sample(client: httpx.AsyncClient, target: Target, phase: str, t0: float) -> Sample:
    status = (await client.get(target.origin + STATUS_PATH)).json()
    rss, fds, threads = proc_figures(target.pid)
    return Sample(
        t=round(time.monotonic() - t0, 1),
        phase=phase,
        rss_mib=round(rss, 1),
        fds=fds,
        threads=threads,
        pool_threads=status["python_threads"].get("asyncio", 0),
        open_sessions=status["open_sessions"],
        engine_in_flight=status["engine_in_flight"],
        engine_waiting=status.get("engine_waiting"),
        pending_batches=status["pending_batches"],
    )


def show(s: Sample) -> None:
    print(
        f"{s.t:7.1f} s  {s.phase:8}  rss {s.rss_mib:7.1f} MiB  fds {s.fds:4d}  "
        f"threads {s.threads:3d} (pool {s.pool_threads})  sessions {s.open_sessions:2d}  "
        f"engine {s.engine_in_flight} (queued {s.engine_waiting})  batches {s.pending_batches}",
        flush=True,
    )
