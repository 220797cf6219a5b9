"""Each program in examples/ runs as a user would run it, against the emulator.

Real recognition where the words are the point (subtitles, captions, uploads), the
skip-recognition engine where only the control flow is (the flux turn loop).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER
from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext.subtitles import parse_srt
from tests.docs.conftest import EXAMPLES, cloudflare_env

pytestmark = pytest.mark.slow  # the examples run as programs against real servers


def run_example(
    script: str, *args: str, emulator: EmulatorHandle, cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env=cloudflare_env(emulator),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_folder_to_srt_writes_one_srt_per_recording(
    cfasr_emulator: EmulatorHandle, audio_dir: Path
) -> None:
    (audio_dir / "notes.txt").write_text("not audio")
    result = run_example(
        "folder_to_srt.py",
        str(audio_dir),
        "--model",
        "whisper-tiny-en",
        emulator=cfasr_emulator,
        cwd=audio_dir,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in audio_dir.glob("*.srt")) == ["meeting.srt", "talk.srt"]
    cues = parse_srt((audio_dir / "talk.srt").read_text(encoding="utf-8"))
    assert " ".join(w for cue in cues for w in cue.text.split()) == WEATHER.text


def test_folder_to_srt_keeps_recordings_with_one_name_apart(
    skip_emulator: EmulatorHandle, audio_dir: Path
) -> None:
    (audio_dir / "talk.flac").write_bytes((audio_dir / "talk.wav").read_bytes())
    result = run_example("folder_to_srt.py", str(audio_dir), emulator=skip_emulator, cwd=audio_dir)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in audio_dir.glob("*.srt")) == [
        "meeting.srt",
        "talk.flac.srt",
        "talk.wav.srt",
    ]
    assert "talk.flac -> talk.flac.srt" in result.stdout


def test_folder_to_srt_reports_a_bad_file_and_fails(
    skip_emulator: EmulatorHandle, audio_dir: Path
) -> None:
    (audio_dir / "empty.wav").write_bytes(b"")
    result = run_example("folder_to_srt.py", str(audio_dir), emulator=skip_emulator, cwd=audio_dir)
    assert result.returncode == 1
    assert "empty.wav: failed:" in result.stderr
    assert (audio_dir / "talk.srt").exists()


def test_live_captions_prints_each_final_sentence(
    cfasr_emulator: EmulatorHandle, audio_dir: Path
) -> None:
    result = run_example(
        "live_captions.py",
        "meeting.wav",
        "--fast",
        # 8.3 s sent at full speed: with both CPUs busy elsewhere the last results came after
        # the default 60 s. This guards against a hang; it is not a speed requirement.
        "--timeout",
        "600",
        emulator=cfasr_emulator,
        cwd=audio_dir,
    )
    assert result.returncode == 0, result.stderr
    finals = [line.split("\r")[-1] for line in result.stdout.splitlines() if "s] " in line]
    assert any("weekly report" in line.lower() for line in finals), result.stdout
    assert any("in the park" in line.lower() for line in finals), result.stdout
    assert "words in 8.3 s of audio" in result.stdout


def test_flux_voice_agent_answers_each_turn(skip_emulator: EmulatorHandle, audio_dir: Path) -> None:
    result = run_example("flux_voice_agent.py", "talk.wav", emulator=skip_emulator, cwd=audio_dir)
    assert result.returncode == 0, result.stderr
    answers = [line for line in result.stdout.splitlines() if line.startswith("agent: ")]
    assert answers
    assert f"{len(answers)} turn(s) answered" in result.stdout


def test_the_example_pytest_suite_passes() -> None:
    suite = EXAMPLES / "test_with_emulator"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", str(suite)],
        cwd=suite,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def upload_server(cfasr_emulator: EmulatorHandle, audio_dir: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "upload_server.py"), "--port", str(port)],
        cwd=audio_dir,
        env=cloudflare_env(cfasr_emulator),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/transcribe"
    try:
        for _ in range(600):
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None:
                    pytest.fail(
                        f"upload_server.py exited: {process.stdout and process.stdout.read()}"
                    )
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_upload_endpoint_transcribes_the_body(upload_server: str) -> None:
    reply = httpx.post(
        upload_server,
        params={"model": "nova-3"},
        files={"file": ("weather.wav", WEATHER.path.read_bytes(), "audio/wav")},
        timeout=120,
    )
    assert reply.status_code == 200, reply.text
    assert "weather is nice today" in reply.json()["text"]


def test_upload_endpoint_returns_subtitles(upload_server: str) -> None:
    reply = httpx.post(
        upload_server,
        params={"model": "whisper-tiny-en", "format": "srt"},
        files={"file": ("two.wav", TWO_SENTENCES.path.read_bytes(), "audio/wav")},
        timeout=120,
    )
    assert reply.status_code == 200, reply.text
    assert len(parse_srt(reply.text)) >= 2


@pytest.mark.parametrize(
    ("params", "body", "status"),
    [
        ({}, b"", 400),
        ({"model": "no-such-model"}, b"RIFF", 400),
        ({"model": "flux"}, b"RIFF", 400),
    ],
)
def test_upload_endpoint_refuses_bad_requests(
    upload_server: str, params: dict[str, str], body: bytes, status: int
) -> None:
    reply = httpx.post(
        upload_server, params=params, files={"file": ("a.wav", body, "audio/wav")}, timeout=60
    )
    assert reply.status_code == status
    assert reply.json()["error"]


def test_upload_endpoint_without_a_file_says_what_is_missing(upload_server: str) -> None:
    reply = httpx.post(upload_server, data={"other": "x"}, timeout=60)
    assert reply.status_code == 422
    assert "file" in reply.text


def test_openai_client_transcribes_through_the_emulators_openai_routes(
    cfasr_emulator: EmulatorHandle, audio_dir: Path
) -> None:
    env = {**cloudflare_env(cfasr_emulator), "OPENAI_API_KEY": cfasr_emulator.token}
    result = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "openai_client.py"),
            "talk.wav",
            "--base-url",
            f"http://127.0.0.1:{cfasr_emulator.port}/v1",
        ],
        cwd=audio_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("english, 3.9 s: ")  # OpenAI names the language
    assert "weather is nice today" in lines[0].lower()
    cues = parse_srt((audio_dir / "talk.srt").read_text(encoding="utf-8"))
    assert "park" in " ".join(cue.text for cue in cues).lower()
    assert lines[-1].startswith("streamed:")
    assert "weather" in lines[-1].lower()
