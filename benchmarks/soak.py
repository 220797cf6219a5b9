"""``make soak``: mixed load against one emulator process for a set time, watching what it holds.

A leak shows only over time: a session that keeps its slot, a socket nobody closes, a thread
per stream that never exits, memory that creeps up. So this runs everything a careless or
hostile client does, at once and for minutes, against ONE ``python -m cfasr_emulator``
child process (real engine, faults on):

* REST on the five POST models (whisper, whisper-tiny-en, whisper-large-v3-turbo, nova-3,
  and flux, which always refuses audio over REST);
* nova-3 and flux WebSocket sessions that stream a recording and close properly;
* injected faults (``cf-emulator-fault``: 5xx, 429, reset, truncate, delay; WebSocket close,
  abort, stall and fatal error);
* bad input (undecodable audio, broken JSON, bad options, bad credentials);
* clients that vanish: a body cut short, a request abandoned before its answer, a stream
  dropped mid-audio without a close frame.

Every ``--interval`` seconds it prints the emulator's RSS, open file descriptors and threads
(from ``/proc/<pid>``) and its open sessions, engine slots in use and pending batches (from
``GET /_emulator/status``). It runs in three phases: **warm-up** (the same load, so models,
the VAD and thread pools are loaded), then a quiet pause whose figures are the **baseline**,
then the **load** for ``--seconds``, then the clients stop and it waits for the emulator to
settle (**end**). The goal: RSS at the end within +10 % of the baseline, and file
descriptors, threads and sessions back to it. The summary line says whether it held; the exit
status is 1 when it did not (``--json`` writes every sample and the verdict).

This module runs the phases and gives the verdict; the clients are ``soak_load.py`` and the
emulator process with its readings ``soak_target.py``.

    .venv/bin/python benchmarks/soak.py [--seconds 600] [--warmup 45] [--json soak.json]

``SOAK_SECONDS`` sets the default length (``make soak`` runs ten minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import harness
import httpx
from soak_load import Load, Tally, read_pcm, worker
from soak_target import IDLE_TIMEOUT_S, Sample, Target, emulator_process, sample, show

WEATHER = harness.ROOT / "cfasr_emulator" / "data" / "weather_park.wav"
RSS_GROWTH_LIMIT = 0.10
SETTLE_TIMEOUT_S = 60.0
"""How long the end phase waits for sessions, fds and threads to come back."""


async def run_phase(
    load: Load,
    target: Target,
    monitor: httpx.AsyncClient,
    *,
    phase: str,
    seconds: float,
    workers: int,
    interval: float,
    t0: float,
    samples: list[Sample],
    seed: int,
) -> None:
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(worker(load, random.Random(seed + n), stop)) for n in range(workers)
    ]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await asyncio.sleep(min(interval, max(0.0, deadline - time.monotonic())))
        samples.append(reading := await sample(monitor, target, phase, t0))
        show(reading)
    stop.set()
    # A worker finishes the interaction it is in; a stuck one is the finding, not a hang.
    _, pending = await asyncio.wait(tasks, timeout=IDLE_TIMEOUT_S + 90)
    for task in pending:
        load.tally.problem(phase, "a client interaction did not finish within 95 s")
        task.cancel()


async def settle(
    target: Target,
    monitor: httpx.AsyncClient,
    *,
    phase: str,
    reference: Sample | None,
    t0: float,
    samples: list[Sample],
) -> Sample:
    """Wait until nothing is open and the figures stop moving (or back at ``reference``)."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    previous: Sample | None = None
    while True:
        await asyncio.sleep(1.0)
        current = await sample(monitor, target, phase, t0)
        idle = (
            current.open_sessions == 0
            and not current.engine_in_flight
            and not current.engine_waiting
        )
        idle = idle and current.pending_batches == 0
        steady = previous is not None and (previous.fds, previous.own_threads) == (
            current.fds,
            current.own_threads,
        )
        back = (
            reference is not None
            and current.fds <= reference.fds
            and current.own_threads <= reference.own_threads
        )
        if (idle and (back or (steady and reference is None))) or time.monotonic() > deadline:
            samples.append(current)
            show(current)
            return current
        previous = current


def verdict(baseline: Sample, end: Sample, tally: Tally) -> dict[str, Any]:
    growth = (end.rss_mib - baseline.rss_mib) / baseline.rss_mib
    checks = {
        "rss_within_10_percent": growth <= RSS_GROWTH_LIMIT,
        "fds_back": end.fds <= baseline.fds,
        "threads_back": end.own_threads <= baseline.own_threads,
        "sessions_back": end.open_sessions == 0,
        "engine_idle": not end.engine_in_flight,
        "no_unexpected_answers": not tally.unexpected,
    }
    return {"rss_growth": round(growth, 4), "checks": checks, "ok": all(checks.values())}


async def soak(args: argparse.Namespace) -> dict[str, Any]:
    pcm = read_pcm(WEATHER)
    wav = WEATHER.read_bytes()
    samples: list[Sample] = []
    with emulator_process(args.engine) as target:
        limits = httpx.Limits(max_connections=args.workers * 2)
        timeout = httpx.Timeout(60.0)
        async with (
            httpx.AsyncClient(timeout=10.0) as monitor,
            httpx.AsyncClient(timeout=timeout, limits=limits) as client,
        ):
            t0 = time.monotonic()
            samples.append(start := await sample(monitor, target, "start", t0))
            show(start)
            load = Load(target, client, pcm, wav)
            for name, _, action in load.actions:  # every model and path once: all loaded
                await load.run(name, action, random.Random(args.seed))
            common = {"workers": args.workers, "interval": args.interval, "t0": t0}
            await run_phase(
                load, target, monitor, phase="warm-up", seconds=args.warmup,
                samples=samples, seed=args.seed, **common,
            )  # fmt: skip
        async with httpx.AsyncClient(timeout=10.0) as monitor:  # the load's pool is closed
            baseline = await settle(
                target, monitor, phase="baseline", reference=None, t0=t0, samples=samples
            )
        async with (
            httpx.AsyncClient(timeout=10.0) as monitor,
            httpx.AsyncClient(timeout=timeout, limits=limits) as client,
        ):
            load.client = client
            await run_phase(
                load, target, monitor, phase="load", seconds=args.seconds,
                samples=samples, seed=args.seed + 1000, **common,
            )  # fmt: skip
        async with httpx.AsyncClient(timeout=10.0) as monitor:
            end = await settle(
                target, monitor, phase="end", reference=baseline, t0=t0, samples=samples
            )
    result = verdict(baseline, end, load.tally)
    peak = max(s.rss_mib for s in samples if s.phase == "load")
    print(
        f"soak: {args.seconds:g} s of load, {sum(load.tally.actions.values())} client "
        f"interactions; rss start {start.rss_mib:.0f} MiB, after warm-up "
        f"{baseline.rss_mib:.0f}, peak {peak:.0f}, end {end.rss_mib:.0f} MiB "
        f"({result['rss_growth']:+.1%}); fds {baseline.fds}->{end.fds}, threads "
        f"{baseline.threads}->{end.threads} (idle asyncio pool {baseline.pool_threads}->"
        f"{end.pool_threads}), sessions {end.open_sessions}; unexpected answers "
        f"{len(load.tally.unexpected)}: {'OK' if result['ok'] else 'FAILED'}",
        flush=True,
    )
    for line in load.tally.unexpected:
        print("  unexpected:", line)
    return {
        "seconds": args.seconds,
        "warmup_seconds": args.warmup,
        "workers": args.workers,
        "start": attrs.asdict(start),
        "baseline": attrs.asdict(baseline),
        "end": attrs.asdict(end),
        "rss_peak_mib": peak,
        "actions": load.tally.actions,
        "unexpected": load.tally.unexpected,
        "samples": [attrs.asdict(s) for s in samples],
        **result,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", "600"))
    )
    parser.add_argument("--warmup", type=float, default=45.0, help="seconds of warm-up load")
    parser.add_argument("--workers", type=int, default=4, help="concurrent clients")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between samples")
    parser.add_argument("--engine", choices=("real", "skip"), default="real")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--json", type=Path, help="write every sample and the verdict here")
    args = parser.parse_args(argv)
    result = asyncio.run(soak(args))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
