"""Audio on standard input gets the same treatment as a file: chunking, and bad input refused."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.cfasr_cli.conftest import TWO_SENTENCES_WAV, cfasr_command, emulator_env


@pytest.fixture(scope="module")
def quick_emulator() -> Iterator[EmulatorHandle]:
    """Answers without running a model: these tests count requests, not words."""
    with run_emulator(engine_mode="skip") as handle:
        yield handle


def _requests_sent(emu: EmulatorHandle, *args: str, stdin: bytes = b"") -> int:
    """Run `cfasr -v ARGS` and count the requests it logged."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    done = subprocess.run(
        [*cfasr_command(), "-v", *args],
        input=stdin,
        capture_output=True,
        env={**env, **emulator_env(emu)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return sum(" cfasr INFO POST " in line for line in done.stderr.decode().splitlines())


def test_chunking_splits_stdin_like_a_file(quick_emulator: EmulatorHandle) -> None:
    flags = ("transcribe", "-m", "whisper-tiny-en", "--chunking", "--chunk-bytes", "64000")
    from_file = _requests_sent(quick_emulator, *flags, str(TWO_SENTENCES_WAV))
    from_stdin = _requests_sent(quick_emulator, *flags, "-", stdin=TWO_SENTENCES_WAV.read_bytes())
    assert from_file > 1
    assert from_stdin == from_file
