"""Every ```python block of README.md runs, unchanged, against the emulator.

Blocks run in a fresh interpreter in a directory holding `talk.wav`, with the emulator's URL,
token and account in `CLOUDFLARE_*` — the same variables that point the code at Cloudflare.
A block that defines `test_*` functions is a pytest file and runs under pytest.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle
from tests.docs.conftest import ROOT, cloudflare_env

pytestmark = pytest.mark.slow  # the README's blocks run against a real emulator

_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(markdown: str) -> list[str]:
    return _BLOCK.findall(markdown)


BLOCKS = python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_the_quickstarts() -> None:
    joined = "\n".join(BLOCKS)
    assert len(BLOCKS) >= 4
    for needle in ("client.transcribe(", ".stream(", "cfasr_emulator", "run_emulator("):
        assert needle in joined, needle


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_python_block_runs(
    index: int, cfasr_emulator: EmulatorHandle, audio_dir: Path
) -> None:
    code = BLOCKS[index]
    is_test_file = re.search(r"^def test_", code, re.M) is not None
    script = audio_dir / (f"test_readme_{index}.py" if is_test_file else f"block_{index}.py")
    script.write_text(code, encoding="utf-8")
    command = [sys.executable, str(script)]
    if is_test_file:
        # The README's opt-in line for the fixture, in the user's conftest.py.
        (audio_dir / "conftest.py").write_text(
            'pytest_plugins = ["cfasr_emulator.pytest_plugin"]\n', encoding="utf-8"
        )
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
    result = subprocess.run(
        command,
        cwd=audio_dir,
        env=cloudflare_env(cfasr_emulator),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"README block {index} failed:\n{code}\n---\n{output}"
    if is_test_file:
        assert "1 passed" in result.stdout
    elif "print(" in code:
        assert "weather" in result.stdout.lower(), output
    if "to_srt()" in code:
        srt = (audio_dir / "talk.srt").read_text(encoding="utf-8")
        assert srt.startswith("1\n00:00:0")
        assert WEATHER.text.split()[1].lower() in srt.lower()
