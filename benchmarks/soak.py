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

    .venv/bin/python benchmarks/soak.py [--seconds 600] [--warmup 45] [--json soak.json]

``SOAK_SECONDS`` sets the default length (``make soak`` runs ten minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import subprocess
import sys
import time
import wave
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import harness
import httpx
import websockets
from websockets.asyncio.client import ClientConnection, connect

WEATHER = harness.ROOT / "cfasr_emulator" / "data" / "weather_park.wav"
STATUS_PATH = "/_emulator/status"
RSS_GROWTH_LIMIT = 0.10
SETTLE_TIMEOUT_S = 60.0
"""How long the end phase waits for sessions, fds and threads to come back."""
IDLE_TIMEOUT_S = 5.0
"""The emulator's idle timeout for streams: a stalled or silent client goes within this."""
CLOSE_STREAM = json.dumps({"type": "CloseStream"})
RAW_QUERY = "encoding=linear16&sample_rate=16000"
REST_FAULTS = ("500", "503", "429;retry-after=1", "reset", "truncate", "delay=0.3", "408")
WS_FAULTS = (
    "ws-close=1011;after-messages=1",
    "ws-close=1006;after-messages=1",
    "ws-stall;after-messages=1",
    "ws-error;after-messages=1",
)


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


@attrs.define
class Tally:
    """What the clients saw: actions run, and answers no client should ever get."""

    actions: dict[str, int] = attrs.field(factory=dict)
    unexpected: list[str] = attrs.field(factory=list)

    def count(self, action: str) -> None:
        self.actions[action] = self.actions.get(action, 0) + 1

    def problem(self, action: str, what: str) -> None:
        if len(self.unexpected) < 50:
            self.unexpected.append(f"{action}: {what}")


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


AUTH = {"Authorization": f"Bearer {harness.TOKEN}"}


def read_pcm(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        return bytes(w.readframes(w.getnframes()))


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


# --- the clients ------------------------------------------------------------------------


class Load:
    """The actions one worker picks from, each a complete client interaction."""

    def __init__(self, target: Target, client: httpx.AsyncClient, pcm: bytes, wav: bytes) -> None:
        self.target = target
        self.client = client
        self.pcm = pcm
        self.wav = wav
        self.tally = Tally()
        b64 = base64.b64encode(wav).decode()
        self.turbo_body = json.dumps({"audio": b64, "language": "en"}).encode()
        self.actions: list[tuple[str, int, Callable[[random.Random], Awaitable[None]]]] = [
            ("rest-whisper", 2, self.rest_whisper),
            ("rest-tiny-en", 2, self.rest_tiny),
            ("rest-turbo", 2, self.rest_turbo),
            ("rest-nova-3", 2, self.rest_nova),
            ("rest-flux", 1, self.rest_flux),
            ("rest-fault", 2, self.rest_fault),
            ("rest-bad-input", 2, self.rest_bad_input),
            ("rest-vanish", 2, self.rest_vanish),
            ("ws-nova-3", 3, self.ws_nova),
            ("ws-flux", 2, self.ws_flux),
            ("ws-fault", 2, self.ws_fault),
            ("ws-vanish", 2, self.ws_vanish),
            ("ws-bad-input", 1, self.ws_bad_input),
        ]

    def pick(self, rng: random.Random) -> tuple[str, Callable[[random.Random], Awaitable[None]]]:
        names = [(name, action) for name, _, action in self.actions]
        weights = [weight for _, weight, _ in self.actions]
        return rng.choices(names, weights)[0]

    async def run(
        self, action: str, call: Callable[[random.Random], Awaitable[None]], rng: random.Random
    ) -> None:
        self.tally.count(action)
        try:
            await call(rng)
        except (httpx.HTTPError, OSError, websockets.WebSocketException, TimeoutError):
            # Faults and vanishing clients break connections on purpose: that is the load.
            pass
        except Exception as exc:  # the soak reports it and goes on
            self.tally.problem(action, repr(exc))

    def _expect(self, action: str, response: httpx.Response, allowed: set[int]) -> None:
        # 429: the engine queue or session cap is full under this load, which is correct.
        if response.status_code not in allowed | {429}:
            self.tally.problem(action, f"HTTP {response.status_code} {response.text[:200]}")

    async def _post(self, model: str, body: bytes, content_type: str, **headers: str) -> Any:
        return await self.client.post(
            self.target.rest_url(model),
            content=body,
            headers={**AUTH, "Content-Type": content_type, **headers},
        )

    async def rest_whisper(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        response = await self._post("@cf/openai/whisper", self.wav, "audio/wav")
        self._expect("rest-whisper", response, {200})

    async def rest_tiny(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        response = await self._post("@cf/openai/whisper-tiny-en", self.wav, "audio/wav")
        self._expect("rest-tiny-en", response, {200})

    async def rest_turbo(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        model = "@cf/openai/whisper-large-v3-turbo"
        response = await self._post(model, self.turbo_body, "application/json")
        self._expect("rest-turbo", response, {200})

    async def rest_nova(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        model = "@cf/deepgram/nova-3?smart_format=true"
        response = await self._post(model, self.wav, "audio/wav")
        self._expect("rest-nova-3", response, {200})

    async def rest_flux(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        response = await self._post("@cf/deepgram/flux", b"{}", "application/json")
        self._expect("rest-flux", response, {400})

    async def rest_fault(self, rng: random.Random) -> None:
        fault = rng.choice(REST_FAULTS)
        response = await self._post(
            "@cf/openai/whisper-tiny-en", self.wav, "audio/wav", **{"cf-emulator-fault": fault}
        )
        allowed = {200} if fault.split(";")[0] in {"delay=0.3", "truncate", "reset"} else set()
        allowed |= {int(fault.split(";")[0])} if fault[0].isdigit() else set()
        self._expect("rest-fault", response, allowed)

    async def rest_bad_input(self, rng: random.Random) -> None:
        choice = rng.randrange(6)
        if choice == 0:  # not audio at all
            response = await self._post("@cf/openai/whisper", os.urandom(4000), "audio/wav")
        elif choice == 1:  # broken JSON
            response = await self._post(
                "@cf/openai/whisper-large-v3-turbo", b'{"audio": "AAAA', "application/json"
            )
        elif choice == 2:  # an option out of range
            response = await self._post("@cf/deepgram/nova-3?encoding=bogus", self.wav, "audio/wav")
        elif choice == 3:  # a wrong token
            response = await self.client.post(
                self.target.rest_url("@cf/openai/whisper"),
                content=self.wav,
                headers={"Authorization": "Bearer wrong"},
            )
        elif choice == 4:  # a truncated WAV header
            response = await self._post("@cf/deepgram/nova-3", self.wav[:30], "audio/wav")
        else:  # an unknown model
            response = await self._post("@cf/openai/no-such-model", self.wav, "audio/wav")
        self._expect("rest-bad-input", response, {400, 401, 403, 404, 413})

    async def rest_vanish(self, rng: random.Random) -> None:
        """A raw client that leaves: mid-body, or after sending all but before the answer."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.target.port)
        try:
            path = self.target.rest_url("@cf/openai/whisper-tiny-en").removeprefix(
                self.target.origin
            )
            head = (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {harness.TOKEN}\r\nContent-Type: audio/wav\r\n"
                f"Content-Length: {len(self.wav)}\r\n\r\n"
            ).encode()
            if rng.random() < 0.5:
                writer.write(head + self.wav[: len(self.wav) // 3])
            else:
                writer.write(head + self.wav)
            await writer.drain()
            await asyncio.sleep(rng.uniform(0.0, 0.3))
        finally:
            writer.transport.abort()
        del reader

    async def _stream(self, ws: ClientConnection, pcm: bytes, frame: int = 3200) -> None:
        for i in range(0, len(pcm), frame):
            await ws.send(pcm[i : i + frame])
            if i % (frame * 10) == 0:
                await asyncio.sleep(0)

    async def _session(self, model: str, action: str, **headers: str) -> list[Any]:
        async with connect(
            self.target.ws_url(model), additional_headers={**AUTH, **headers}, open_timeout=30
        ) as ws:
            await self._stream(ws, self.pcm)
            await ws.send(CLOSE_STREAM)
            messages = []
            async with asyncio.timeout(60):
                async for raw in ws:
                    messages.append(json.loads(raw))
            if ws.close_code not in {1000, 1001} and not headers:
                self.tally.problem(action, f"closed {ws.close_code} {ws.close_reason}")
            return messages

    async def _ws(self, action: str, model: str, **headers: str) -> None:
        try:
            await self._session(model, action, **headers)
        except websockets.InvalidStatus as refused:
            self._expect(action, _as_response(refused), set())

    async def ws_nova(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        await self._ws("ws-nova-3", "@cf/deepgram/nova-3")

    async def ws_flux(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        await self._ws("ws-flux", "@cf/deepgram/flux")

    async def ws_fault(self, rng: random.Random) -> None:
        model = rng.choice(("@cf/deepgram/nova-3", "@cf/deepgram/flux"))
        fault = rng.choice(WS_FAULTS)
        try:
            async with asyncio.timeout(IDLE_TIMEOUT_S + 30):
                await self._session(model, "ws-fault", **{"cf-emulator-fault": fault})
        except websockets.InvalidStatus as refused:
            self._expect("ws-fault", _as_response(refused), set())

    async def ws_vanish(self, rng: random.Random) -> None:
        """Stream part of the audio, then drop the TCP connection without a close frame."""
        model = rng.choice(("@cf/deepgram/nova-3", "@cf/deepgram/flux"))
        try:
            async with connect(
                self.target.ws_url(model), additional_headers=AUTH, open_timeout=30
            ) as ws:
                await self._stream(ws, self.pcm[: rng.randrange(3200, len(self.pcm))])
                await asyncio.sleep(rng.uniform(0.0, 0.5))
                ws.transport.abort()
        except websockets.InvalidStatus as refused:
            self._expect("ws-vanish", _as_response(refused), set())

    async def ws_bad_input(self, rng: random.Random) -> None:
        if rng.random() < 0.5:  # a handshake with an impossible option
            url = self.target.ws_url("@cf/deepgram/nova-3", "encoding=linear16&sample_rate=-5")
            try:
                async with connect(url, additional_headers=AUTH, open_timeout=30):
                    self.tally.problem("ws-bad-input", "a bad sample_rate was accepted")
            except websockets.InvalidStatus as refused:
                self._expect("ws-bad-input", _as_response(refused), {400})
            return
        async with connect(  # garbage control messages, then a proper close
            self.target.ws_url("@cf/deepgram/nova-3"), additional_headers=AUTH, open_timeout=30
        ) as ws:
            await ws.send("{not json")
            await ws.send(json.dumps({"type": "NoSuchMessage"}))
            await ws.send(CLOSE_STREAM)
            async with asyncio.timeout(60):
                async for _ in ws:
                    pass


def _as_response(refused: websockets.InvalidStatus) -> httpx.Response:
    return httpx.Response(refused.response.status_code, content=bytes(refused.response.body or b""))


async def worker(load: Load, rng: random.Random, stop: asyncio.Event) -> None:
    while not stop.is_set():
        name, action = load.pick(rng)
        await load.run(name, action, rng)


# --- the run --------------------------------------------------------------------------


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
