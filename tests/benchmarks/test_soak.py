"""`benchmarks/soak.py` for 20 s: what the emulator holds must come back after the load.

The soak drives one emulator process with every kind of client (REST on the five POST models,
nova-3 and flux streams, injected faults, bad input, clients that vanish) and reads the
process from /proc and ``GET /_emulator/status``. This asserts only on resources: after the
load, open file descriptors, threads (beyond asyncio's idle pool) and streaming sessions are
back at the warm-up baseline, RSS is within +10 % of it, and no client got an answer it
should never get (a 500, a hang). Speed is not asserted; ``make soak`` runs ten minutes.

The load keeps about 1.2 CPUs busy, so its length is most of this module's cost to the suite:
20 s after a 10 s warm-up (it was 60 + 20) already cycles every kind of client many times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOAK = ROOT / "benchmarks" / "soak.py"

# 30 s of mixed load on a real engine; the timeouts guard against a hang only.
pytestmark = [pytest.mark.slow(cpu_s=40), pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def soak(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("soak") / "soak.json"
    command = [sys.executable, str(SOAK), "--seconds", "20", "--warmup", "10"]
    done = subprocess.run(
        [*command, "--interval", "5", "--json", str(out)],
        cwd=SOAK.parent,
        capture_output=True,
        text=True,
        timeout=840,
        check=False,
    )
    print(done.stdout[-3000:])
    assert out.exists(), done.stderr[-4000:]
    result: dict[str, object] = json.loads(out.read_text())
    return result


def test_soak_ran_every_kind_of_client(soak: dict[str, object]) -> None:
    actions = soak["actions"]
    assert isinstance(actions, dict)
    kinds = {"rest-whisper", "rest-tiny-en", "rest-turbo", "rest-nova-3", "rest-flux"}
    kinds |= {"rest-fault", "rest-bad-input", "rest-vanish", "ws-nova-3", "ws-flux"}
    kinds |= {"ws-fault", "ws-vanish", "ws-bad-input"}
    assert set(actions) == kinds


def test_no_client_got_a_server_error_or_hung(soak: dict[str, object]) -> None:
    assert soak["unexpected"] == []


def test_sessions_fds_and_threads_come_back(soak: dict[str, object]) -> None:
    checks = soak["checks"]
    assert isinstance(checks, dict)
    assert checks["sessions_back"], soak["end"]
    assert checks["engine_idle"], soak["end"]
    assert checks["fds_back"], (soak["baseline"], soak["end"])
    assert checks["threads_back"], (soak["baseline"], soak["end"])


def test_rss_stays_within_ten_percent_of_the_warm_baseline(soak: dict[str, object]) -> None:
    assert soak["checks"]["rss_within_10_percent"], (soak["baseline"], soak["end"])  # type: ignore[index]
