"""`make demo` (python -m cfasr_emulator.demo) runs offline end to end and hears the sample."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # the demo: a real emulator process, REST and a stream


def test_demo_transcribes_the_sample_over_rest_and_streaming() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    result = subprocess.run(
        [sys.executable, "-m", "cfasr_emulator.demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for model in ("whisper", "whisper-large-v3-turbo", "nova-3"):
        assert any(line.strip().startswith(model) and "weather" in line for line in lines), model
    assert any(line.strip().startswith("=") and "park" in line for line in lines)
    assert any("EndOfTurn" in line and "weather" in line for line in lines)
