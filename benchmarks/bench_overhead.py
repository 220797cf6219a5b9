"""Per-call overhead: one small whisper request through cfasr (sync and async), plain httpx and
the official ``cloudflare`` package, all against the same emulator in skip mode.

The clients take turns call by call, so drift on the machine hits them all alike; the goal is
cfasr/httpx ≤ 1.10. cfasr's client-side rate limiter is given a huge budget: its bookkeeping
is still timed, its waiting (which would otherwise decide the figure) is not.

Run alone: ``.venv/bin/python benchmarks/bench_overhead.py [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import harness
import httpx

WHISPER = "@cf/openai/whisper"
GOAL = 1.10
SAMPLE_SECONDS = 1.0


def _sync_clients(emu: harness.Emulator, audio: bytes) -> dict[str, Callable[[], object]]:
    import cfasr_ext

    cfasr = cfasr_ext.Client(
        api_token=harness.TOKEN,
        account_id=harness.ACCOUNT_ID,
        base_url=emu.base_url,
        rate_limiter=cfasr_ext.RateLimiter(1e12),
    )
    plain = httpx.Client(timeout=60)
    url = emu.model_url(WHISPER)
    headers = {
        "Authorization": f"Bearer {harness.TOKEN}",
        "Content-Type": "application/octet-stream",
    }

    def via_httpx() -> object:
        response = plain.post(url, content=audio, headers=headers)
        response.raise_for_status()
        return response.json()["result"]

    clients: dict[str, Callable[[], object]] = {
        "cfasr_sync": lambda: cfasr.whisper.transcribe(audio),
        "httpx_sync": via_httpx,
    }
    try:
        from cloudflare import Cloudflare
    except ImportError:
        return clients
    official = Cloudflare(api_token=harness.TOKEN, base_url=emu.base_url, max_retries=0)
    as_list = list(audio)  # the official SDK's whisper input: the bytes as numbers
    clients["cloudflare_sync"] = lambda: official.ai.run(
        WHISPER, account_id=harness.ACCOUNT_ID, audio=as_list
    )
    return clients


async def _async_times(emu: harness.Emulator, audio: bytes, repeat: int) -> dict[str, list[float]]:
    import cfasr_ext

    url = emu.model_url(WHISPER)
    headers = {
        "Authorization": f"Bearer {harness.TOKEN}",
        "Content-Type": "application/octet-stream",
    }
    async with (
        cfasr_ext.AsyncClient(
            api_token=harness.TOKEN,
            account_id=harness.ACCOUNT_ID,
            base_url=emu.base_url,
            rate_limiter=cfasr_ext.RateLimiter(1e12),
        ) as cfasr,
        httpx.AsyncClient(timeout=60) as plain,
    ):

        async def via_httpx() -> object:
            response = await plain.post(url, content=audio, headers=headers)
            response.raise_for_status()
            return response.json()["result"]

        calls: dict[str, Callable[[], Awaitable[object]]] = {
            "cfasr_async": lambda: cfasr.whisper.transcribe(audio),
            "httpx_async": via_httpx,
        }
        times: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(3):  # warm-up: connections, imports, first-call caches
            for call in calls.values():
                await call()
        for _ in range(repeat):
            for name, call in calls.items():
                started = time.perf_counter()
                await call()
                times[name].append(time.perf_counter() - started)
        return times


def run(quick: bool) -> dict[str, Any]:
    """Median and min per call for each client, and the ratios against httpx and cloudflare."""
    repeat = 30 if quick else 300
    official_repeat = 10 if quick else 60
    audio = harness.wav_bytes(SAMPLE_SECONDS)
    with harness.emulator() as emu:
        clients = _sync_clients(emu, audio)
        times: dict[str, list[float]] = {name: [] for name in clients}
        for _ in range(3):
            for call in clients.values():
                call()
        for index in range(repeat):
            for name, call in clients.items():
                if name == "cloudflare_sync" and index >= official_repeat:
                    continue  # ~10x slower per call; fewer runs keep the section short
                started = time.perf_counter()
                call()
                times[name].append(time.perf_counter() - started)
        times.update(asyncio.run(_async_times(emu, audio, repeat)))
    stats = {name: harness.summary(samples) for name, samples in times.items()}
    med = {name: s["median"] for name, s in stats.items()}
    ratios = {
        "cfasr_sync/httpx_sync": harness.ratio(med["cfasr_sync"], med["httpx_sync"]),
        "cfasr_async/httpx_async": harness.ratio(med["cfasr_async"], med["httpx_async"]),
    }
    if "cloudflare_sync" in med:
        ratios["cfasr_sync/cloudflare_sync"] = harness.ratio(
            med["cfasr_sync"], med["cloudflare_sync"]
        )
    return {
        "engine_mode": "skip",
        "note": harness.SKIP_NOTE,
        "request": f"{len(audio)} byte WAV ({SAMPLE_SECONDS:g} s) to {WHISPER}",
        "seconds_per_call": stats,
        "ratios_of_medians": ratios,
        "goal": {"cfasr/httpx": GOAL},
        "cloudflare_installed": "cloudflare_sync" in med,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
