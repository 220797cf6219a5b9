"""`transcribe(..., on_progress=)`: a long recording reports its plan, every piece and every
retry, with the sync and the async client alike (an emulator that injects one 503)."""

from __future__ import annotations

import asyncio
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext import Progress
from tests.support.emulators import (
    SAMPLE,
    async_client_for,
    client_for,
    install_faults,
    suite_emulator,
)
from tests.support.transport import SpecLog

SILENCE = b"\x00\x00" * 16000


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator() as handle:
        yield handle


@pytest.fixture(scope="module")
def long_recording(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The bundled sentence five times with 1 s silences, and its length in seconds."""
    with wave.open(str(SAMPLE)) as source:
        speech = source.readframes(source.getnframes())
    frames = (speech + SILENCE) * 5
    path = tmp_path_factory.mktemp("progress") / "long.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(frames)
    return path, len(frames) / 2 / 16000


def _check_reports(reports: list[Progress], duration: float) -> None:
    total = reports[0].pieces_total
    assert total >= 3, reports  # 200 KB pieces of a ~780 KB recording
    first = reports[0]
    assert (first.pieces_done, first.audio_seconds_done, first.retries) == (0, 0.0, 0)
    assert first.audio_seconds_total == pytest.approx(duration, abs=0.01)
    done = [r.pieces_done for r in reports]
    assert done == sorted(done)
    assert done[-1] == total
    assert {r.pieces_total for r in reports} == {total}
    assert reports[-1].audio_seconds_done == pytest.approx(duration, abs=0.01)
    assert reports[-1].fraction == pytest.approx(1.0)
    assert max(r.retries for r in reports) == 1  # the one injected 503, retried
    seconds = [r.audio_seconds_done for r in reports]
    assert seconds == sorted(seconds)


def test_sync_chunked_call_reports_plan_pieces_and_retries(
    emulator: EmulatorHandle, long_recording: tuple[Path, float]
) -> None:
    path, duration = long_recording
    install_faults(emulator, "runWhisperTinyEn@2:503")
    reports: list[Progress] = []
    with client_for(emulator, SpecLog()) as client:
        client.transcribe(
            path,
            model="whisper-tiny-en",
            chunking=200_000,
            max_workers=2,
            on_progress=reports.append,
        )
    _check_reports(reports, duration)


def test_async_chunked_call_reports_plan_pieces_and_retries(
    emulator: EmulatorHandle, long_recording: tuple[Path, float]
) -> None:
    path, duration = long_recording
    install_faults(emulator, "runWhisperTinyEn@2:503")
    reports: list[Progress] = []

    async def go() -> None:
        async with async_client_for(emulator, SpecLog()) as client:
            await client.transcribe(
                path.read_bytes(),
                model="whisper-tiny-en",
                chunking=200_000,
                on_progress=reports.append,
            )

    asyncio.run(go())
    _check_reports(reports, duration)


def test_a_recording_sent_whole_is_one_piece_measured_at_the_end(
    emulator: EmulatorHandle,
) -> None:
    install_faults(emulator, "runWhisperLargeV3Turbo@1:503")
    reports: list[Progress] = []
    with client_for(emulator, SpecLog()) as client:
        transcript = client.transcribe(
            SAMPLE, model="whisper-large-v3-turbo", on_progress=reports.append
        )
    assert transcript.duration is not None  # turbo reports the length it heard
    assert reports == [
        Progress(0, 1, 0.0, None, 0),
        Progress(0, 1, 0.0, None, 1),
        Progress(1, 1, transcript.duration, transcript.duration, 1),
    ]
