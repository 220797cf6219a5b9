"""Stopping early: Ctrl-C ends `cfasr transcribe` without sending the queued files, and a
failed piece of a long recording stops the pieces not yet sent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfasr_emulator.faults import parse_rules
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_ext._long_audio import transcribe_long
from cfasr_ext.transcript import Transcript
from tests.cfasr_cli.conftest import WEATHER_WAV, cfasr_command, emulator_env
from tests.cfasr_cli.test_transcribe import _long_recording


@pytest.fixture(scope="module")
def slow_emulator() -> Iterator[EmulatorHandle]:
    """Every request waits 2 s before its (model-free) answer."""
    rules = parse_rules(["*@1+:delay=2"])
    with run_emulator(engine_mode="skip", faults_enabled=True, fault_rules=rules) as handle:
        yield handle


def test_ctrl_c_stops_the_run_without_sending_the_queued_files(
    slow_emulator: EmulatorHandle, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for k in range(12):
        shutil.copy(WEATHER_WAV, source / f"f{k:02}.wav")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    process = subprocess.Popen(
        [
            *cfasr_command(),
            "-q",
            "transcribe",
            "-j",
            "2",
            "-m",
            "whisper-tiny-en",
            "-o",
            out,
            source,
        ],
        env={**env, **emulator_env(slow_emulator)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120  # a guard against a hang, not an assertion
        while not list(out.glob("*.txt")) and process.poll() is None:
            assert time.monotonic() < deadline, "no output appeared"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    # At most the two requests in flight at the signal finish; the other files are not sent.
    assert 1 <= len(list(out.glob("*.txt"))) <= 4
    assert b"cfasr: interrupted" in stderr
    assert b"Traceback" not in stderr


def test_a_failed_piece_stops_the_pieces_not_yet_sent(tmp_path: Path) -> None:
    recording = tmp_path / "long.wav"
    _long_recording(recording, copies=8)
    sent: list[bytes] = []
    release = threading.Event()

    def send(wav: bytes, timeout: float) -> Transcript:
        del timeout
        sent.append(wav)
        if len(sent) == 1:
            raise RuntimeError("the first piece fails")
        release.wait(30)  # holds the one worker until the first failure has been handled
        raise RuntimeError("a later piece")

    # The worker is let go a while after the failure; by then nothing more may be sent.
    letting_go = threading.Timer(3.0, release.set)
    letting_go.start()
    try:
        with pytest.raises(RuntimeError, match="the first piece fails"):
            transcribe_long(send, recording, model="m", max_bytes=64_000, max_workers=1)
    finally:
        letting_go.cancel()
        release.set()
    # The one worker may already have taken the second piece; the other 22 are never sent.
    assert len(sent) <= 2


def test_ctrl_c_stops_the_pieces_of_a_long_recording(
    slow_emulator: EmulatorHandle, tmp_path: Path
) -> None:
    recording = tmp_path / "long.wav"
    _long_recording(recording, copies=8)  # 24 pieces of at most 64000 bytes
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    process = subprocess.Popen(
        [
            *cfasr_command(),
            *("-q", "-v", "transcribe", "-j", "1", "-m", "whisper-tiny-en"),
            *("--chunking", "--chunk-bytes", "64000", recording),
        ],
        env={**env, **emulator_env(slow_emulator)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    try:
        lines = []
        while line := process.stderr.readline():
            lines.append(line)
            if b" cfasr INFO POST " in line:
                process.send_signal(signal.SIGINT)  # after the first piece was answered
                break
        lines += process.stderr.readlines()
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    stderr = b"".join(lines)
    assert process.returncode == 130, stderr
    # The piece in flight at the signal may be answered; no later piece reaches the server
    # (the run closes its client, so their attempts fail at once: "failed after 0 ms").
    answered = [line for line in lines if b" cfasr INFO POST " in line and b" -> " in line]
    assert len(answered) <= 2, stderr
    assert b"cfasr: interrupted" in stderr
