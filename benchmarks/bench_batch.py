"""Batch: 200 short files through ``cfasr transcribe --concurrency 8`` vs ``--concurrency 1``.

Both runs are the real command (a child process) against the emulator in skip mode with its
real limits (720 requests per minute per account). The CLI's client-side token bucket
(720/min, bursts of 60) then decides the pace: the third figure is the wait it imposes alone,
``(files - burst) / (720 / 60)`` seconds, so the table shows how close each run gets to it.

Run alone: ``.venv/bin/python benchmarks/bench_batch.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import harness

REQUESTS_PER_MINUTE = 720.0
BURST = REQUESTS_PER_MINUTE / 12
FILE_SECONDS = 0.5


def _cli(emu: harness.Emulator, inputs: Path, out: Path, concurrency: int) -> float:
    cfasr = Path(sys.executable).with_name("cfasr")
    command = [str(cfasr)] if cfasr.exists() else [sys.executable, "-m", "cfasr_cli"]
    env = {
        **os.environ,
        "CLOUDFLARE_API_TOKEN": harness.TOKEN,
        "CLOUDFLARE_ACCOUNT_ID": harness.ACCOUNT_ID,
    }
    started = time.perf_counter()
    done = subprocess.run(
        [
            *command,
            "--quiet",
            f"--base-url={emu.base_url}",
            "transcribe",
            str(inputs),
            "--model=whisper",
            "--format=json",
            f"--out={out}",
            f"--concurrency={concurrency}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"cfasr transcribe failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def limiter_floor(files: int) -> float:
    """Seconds the 720/min token bucket alone makes ``files`` requests take."""
    return max(0.0, files - BURST) / (REQUESTS_PER_MINUTE / 60)


def run(quick: bool) -> dict[str, Any]:
    files = 80 if quick else 200
    repeat = 1 if quick else 2
    audio = harness.wav_bytes(FILE_SECONDS)
    results: dict[str, list[float]] = {"concurrency_8": [], "sequential": []}
    with tempfile.TemporaryDirectory(prefix="cfasr-bench-") as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for index in range(files):
            (inputs / f"clip{index:03}.wav").write_bytes(audio)
        for _ in range(repeat):
            for name, concurrency in (("concurrency_8", 8), ("sequential", 1)):
                # A fresh emulator per run, so its one-minute window starts empty each time.
                with harness.emulator(
                    requests_per_minute=int(REQUESTS_PER_MINUTE), engine_queue=16
                ) as emu:
                    out = Path(tmp) / "out"
                    results[name].append(_cli(emu, inputs, out, concurrency))
                written = len(list(out.glob("*.json")))
                if written != files:
                    raise RuntimeError(f"{name}: {written} of {files} transcripts written")
                shutil.rmtree(out)
    c8 = harness.summary(results["concurrency_8"], digits=3)
    seq = harness.summary(results["sequential"], digits=3)
    floor = limiter_floor(files)
    return {
        "engine_mode": "skip",
        "note": harness.SKIP_NOTE
        + "; the CLI keeps its default 720/min rate limiter and the emulator its 720/min limit",
        "files": files,
        "file": f"{len(audio)} byte WAV ({FILE_SECONDS:g} s)",
        "seconds": {"concurrency_8": c8, "sequential": seq},
        "files_per_s_median": {
            "concurrency_8": round(files / c8["median"], 1),
            "sequential": round(files / seq["median"], 1),
        },
        "rate_limiter_floor_s": round(floor, 3),
        "ratios_of_medians": {
            "concurrency_8/sequential": harness.ratio(c8["median"], seq["median"]),
            "concurrency_8/limiter_floor": harness.ratio(c8["median"], floor),
            "sequential/limiter_floor": harness.ratio(seq["median"], floor),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
