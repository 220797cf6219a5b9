"""The OpenAI-compatible gateway's cost: added latency per request and memory per upload,
each against calling the SDK directly, in the same run, against the same emulator.

Latency: one small whisper request, taking turns call by call between the SDK
(`cfasr_ext.Client.transcribe`), plain httpx posting OpenAI's multipart form to the gateway,
and the `openai` package (when installed) calling the gateway; the figure is the gateway's
median minus the SDK's, and their ratio. Memory: one upload to whisper-large-v3-turbo
(`whisper-1`), the gateway's peak RSS growth (sampled from outside every 5 ms) against the
SDK's own in a fresh process (`uploader.py`). The gateway runs as `cfasr gateway`, a process
of its own, so it never shares a GIL with the clients timing it.

Run alone: ``.venv/bin/python benchmarks/bench_gateway.py [--quick]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import harness
import httpx
import uploader

WHISPER = "@cf/openai/whisper"
SAMPLE_SECONDS = 1.0
GATEWAY_KEY = "cfasr-bench-gateway-key"


@contextlib.contextmanager
def gateway(emu: harness.Emulator) -> Iterator[tuple[str, int]]:
    """`cfasr gateway` in front of ``emu`` on a free port; yields its `/v1` URL and pid."""
    port = harness.free_port()
    env = {
        **os.environ,
        "CLOUDFLARE_API_TOKEN": harness.TOKEN,
        "CLOUDFLARE_ACCOUNT_ID": harness.ACCOUNT_ID,
        "CLOUDFLARE_BASE_URL": emu.base_url,
        "CFASR_GATEWAY_API_KEY": GATEWAY_KEY,
    }
    command = [sys.executable, "-m", "cfasr_cli", "--quiet", "gateway", f"--port={port}"]
    process = subprocess.Popen(
        # No pacing: the SDK called directly is not paced either (its limiter is measured
        # in the overhead section).
        [*command, "--max-body-mb=64", "--requests-per-minute=1e12"],
        cwd=harness.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        harness.wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/v1", process.pid
    finally:
        harness.stop(process)


def _callers(emu: harness.Emulator, url: str, audio: bytes) -> dict[str, Callable[[], object]]:
    import cfasr_ext

    sdk = cfasr_ext.Client(
        api_token=harness.TOKEN,
        account_id=harness.ACCOUNT_ID,
        base_url=emu.base_url,
        rate_limiter=cfasr_ext.RateLimiter(1e12),
    )
    plain = httpx.Client(timeout=60, headers={"Authorization": f"Bearer {GATEWAY_KEY}"})

    def via_gateway() -> object:
        response = plain.post(
            f"{url}/audio/transcriptions",
            files={"file": ("a.wav", audio, "audio/wav")},
            data={"model": WHISPER},
        )
        response.raise_for_status()
        return response.json()

    callers: dict[str, Callable[[], object]] = {
        "sdk_direct": lambda: sdk.transcribe(audio, model=WHISPER),
        "httpx_via_gateway": via_gateway,
    }
    try:
        import openai
    except ImportError:
        return callers
    client = openai.OpenAI(base_url=url, api_key=GATEWAY_KEY, max_retries=0)
    callers["openai_via_gateway"] = lambda: client.audio.transcriptions.create(
        file=("a.wav", audio, "audio/wav"), model=WHISPER
    )
    return callers


def _latency(emu: harness.Emulator, url: str, repeat: int) -> dict[str, Any]:
    audio = harness.wav_bytes(SAMPLE_SECONDS)
    callers = _callers(emu, url, audio)
    times: dict[str, list[float]] = {name: [] for name in callers}
    for _ in range(3):  # warm-up: connections, imports, the gateway's first client
        for call in callers.values():
            call()
    for _ in range(repeat):
        for name, call in callers.items():
            started = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - started)
    stats = {name: harness.summary(samples) for name, samples in times.items()}
    direct = stats["sdk_direct"]["median"]
    added = {
        name: round((s["median"] - direct) * 1000, 2)
        for name, s in stats.items()
        if name != "sdk_direct"
    }
    ratios = {
        f"{name}/sdk_direct": harness.ratio(s["median"], direct)
        for name, s in stats.items()
        if name != "sdk_direct"
    }
    return {
        "request": f"{len(audio)} byte WAV ({SAMPLE_SECONDS:g} s) to {WHISPER}",
        "seconds_per_call": stats,
        "added_ms_median": added,
        "ratios_of_medians": ratios,
    }


def _memory(emu: harness.Emulator, url: str, pid: int, size_mb: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cfasr-bench-") as tmp:
        path = harness.write_wav(Path(tmp) / f"gateway-{size_mb}MB.wav", size_mb * harness.MIB)
        plain = httpx.Client(timeout=600, headers={"Authorization": f"Bearer {GATEWAY_KEY}"})

        def upload(source: Any) -> object:
            response = plain.post(
                f"{url}/audio/transcriptions",
                files={"file": ("a.wav", source, "audio/wav")},
                data={"model": "whisper-1"},
            )
            response.raise_for_status()
            return response.json()

        upload(harness.wav_bytes(0.1))  # the gateway's client and imports are warm

        def send_file() -> object:
            with path.open("rb") as handle:
                return upload(handle)

        with uploader.PeakRss(pid) as rss:  # the gateway process, sampled from outside
            started = time.perf_counter()
            send_file()
            seconds = round(time.perf_counter() - started, 3)
        growth = rss.growth_mb
        direct = uploader.run_child("cfasr-turbo", path, emu.base_url)
    return {
        "file_mb": size_mb,
        "model": "whisper-1 (whisper-large-v3-turbo, streamed base64 JSON)",
        "gateway_peak_rss_growth_mb": growth,
        "gateway_seconds": seconds,
        "sdk_direct_peak_rss_growth_mb": direct["peak_rss_growth_mb"],
        "sdk_direct_seconds": direct["seconds"]["median"],
        "gateway/sdk_direct_seconds": harness.ratio(seconds, direct["seconds"]["median"]),
    }


def run(quick: bool) -> dict[str, Any]:
    """Added latency (median, ms) and ratios per caller; memory of one upload each way."""
    repeat = 20 if quick else 200
    size_mb = 4 if quick else 20
    with harness.emulator() as emu, gateway(emu) as (url, pid):
        latency = _latency(emu, url, repeat)
        memory = _memory(emu, url, pid, size_mb)
    return {
        "engine_mode": "skip",
        "note": harness.SKIP_NOTE,
        "latency": latency,
        "memory": memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
