"""Finished batches give their memory back (issue 29, item 2): before, every queued batch
kept its whole request (body and decoded audio) for the life of the server — 60 batches of
9.3 MB took the emulator from 273 MB to 1,249 MB, and it stayed there."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import httpx
import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID
from tests.support.emulators import emulator_process

TURBO = "@cf/openai/whisper-large-v3-turbo"
BATCHES = 12


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.slow(cpu_s=6)
def test_finished_batches_keep_only_their_answers() -> None:
    wav = WEATHER.path.read_bytes()
    audio = base64.b64encode(wav * 60).decode()  # 7.5 MB of base64 per batch
    headers = {"Authorization": "Bearer t"}
    with emulator_process() as (server, port):
        url = f"http://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/{TURBO}"
        warm = {"audio": base64.b64encode(wav).decode()}
        assert httpx.post(url, json=warm, headers=headers, timeout=60).status_code == 200
        before = rss_mib(server.pid)
        queued = {"queueRequest": "true"}
        ids = [
            httpx.post(
                url,
                params=queued,
                json={"requests": [{"audio": audio}]},
                headers=headers,
                timeout=60,
            ).json()["result"]["request_id"]
            for _ in range(BATCHES)
        ]
        for request_id in ids:
            while (
                "responses"
                not in (
                    httpx.post(
                        url,
                        params=queued,
                        json={"request_id": request_id},
                        headers=headers,
                        timeout=60,
                    ).json()["result"]
                )
            ):
                time.sleep(0.1)
        grown = rss_mib(server.pid) - before
    # 12 batches of 7.5 MB held 240 MB before the fix; their answers take almost nothing.
    assert grown < 100, f"RSS grew by {grown:.0f} MiB after {BATCHES} finished batches"
