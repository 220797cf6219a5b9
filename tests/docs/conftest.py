"""Fixtures for running user-facing code (README blocks, examples) against the emulator.

The code under test runs in subprocesses, exactly as a user would run it, and finds the
emulator only through the `CLOUDFLARE_*` environment variables it would use for Cloudflare.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER
from cfasr_emulator.testing import EmulatorHandle, run_emulator

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def cloudflare_env(emulator: EmulatorHandle) -> dict[str, str]:
    """This process's environment with every `CLOUDFLARE_*` variable aimed at `emulator`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    env.update(
        CLOUDFLARE_BASE_URL=emulator.base_url,
        CLOUDFLARE_API_TOKEN=emulator.token,
        CLOUDFLARE_ACCOUNT_ID=emulator.account_id,
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="session")
def skip_emulator() -> Iterator[EmulatorHandle]:
    """No recognition (empty text, instant answers): for code whose output text does not
    matter, only that it ran end to end."""
    with run_emulator(engine_mode="skip") as handle:
        yield handle


@pytest.fixture
def audio_dir(tmp_path: Path) -> Path:
    """A working directory with `talk.wav` (one sentence) and `meeting.wav` (two)."""
    shutil.copy(WEATHER.path, tmp_path / "talk.wav")
    shutil.copy(TWO_SENTENCES.path, tmp_path / "meeting.wav")
    return tmp_path
