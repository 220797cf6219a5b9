"""`cfasr transcribe --chunking` shows a long file's progress: a piece counter, audio minutes
and an ETA per file (read here from stderr, which is not a terminal: one line per move)."""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest

from tests.cfasr_cli.conftest import WEATHER_WAV, Cfasr

SILENCE = b"\x00\x00" * 16000
_LINE = re.compile(
    r"^.*long\.wav: (\d+)/(\d+) pieces, ([\d.]+)/([\d.]+) audio min(?:, ETA (\d+:\d\d))?$"
)


@pytest.fixture
def long_wav(tmp_path: Path) -> Path:
    """The bundled sentence five times with 1 s silences (~25 s, ~780 KB)."""
    with wave.open(str(WEATHER_WAV)) as source:
        speech = source.readframes(source.getnframes())
    path = tmp_path / "long.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((speech + SILENCE) * 5)
    return path


def test_chunked_file_shows_pieces_audio_minutes_and_eta(cfasr: Cfasr, long_wav: Path) -> None:
    result = cfasr(
        "transcribe", "-m", "whisper-tiny-en", "--chunking", "--chunk-bytes", "200000", long_wav
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lower().count("park") == 5  # progress never reaches stdout
    rows = [m.groups() for line in result.stderr.splitlines() if (m := _LINE.match(line))]
    pieces = [int(done) for done, *_ in rows]
    assert rows, result.stderr
    total = int(rows[0][1])
    assert total >= 3, result.stderr
    assert pieces == list(range(total + 1)), result.stderr  # the plan, then every piece
    assert {row[3] for row in rows} == {"0.4"}  # 24.5 s of audio in all
    audio = [float(row[2]) for row in rows]
    assert audio == sorted(audio)
    assert audio[-1] == pytest.approx(0.4)
    etas = [row[4] for row in rows]
    assert all(eta is not None for eta in etas[1:-1]), result.stderr
    assert etas[0] is None
    assert etas[-1] is None


def test_quiet_shows_no_progress(cfasr: Cfasr, long_wav: Path) -> None:
    result = cfasr(
        "-q",
        "transcribe",
        "-m",
        "whisper-tiny-en",
        "--chunking",
        "--chunk-bytes",
        "200000",
        long_wav,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
