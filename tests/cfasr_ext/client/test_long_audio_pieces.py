"""What chunking sends: every sample of the recording exactly once, in WAV pieces within the
budget, cut in silences; and the temporary file holding the decoded recording is closed
whether the pieces succeed or one fails."""

from __future__ import annotations

import io
import os
import tempfile
import wave
from pathlib import Path

import numpy as np
import pytest

import cfasr_ext
from cfasr_ext._long_audio import atranscribe_long, transcribe_long
from cfasr_ext.transcript import Transcript
from tests.cfasr_ext.client.conftest import ACCOUNT, FAST, TOKEN, Runner
from tests.support.fake_http import Scripted, ScriptedServer

RATE = 16_000
BUDGET = 200_000  # 6.2 s per piece
SECONDS = 40
BURST, PERIOD = 0.7, 1.3  # a 0.7 s "word" every 1.3 s
FAILURE = Scripted(
    status=400,
    body={"success": False, "errors": [{"code": 5006, "message": "bad piece"}], "result": None},
)


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A 40 s WAV of tone bursts and faint noise, and its 16-bit samples."""
    rng = np.random.default_rng(11)
    samples = rng.normal(0.0, 40.0, SECONDS * RATE)
    for start in np.arange(0.2, SECONDS - 1.0, PERIOD):
        first = round(start * RATE)
        time = np.arange(round(BURST * RATE)) / RATE
        samples[first : first + time.size] += 9000.0 * np.sin(2 * np.pi * 330.0 * time)
    frames = np.round(samples).astype("<i2").tobytes()
    path = tmp_path_factory.mktemp("pieces") / "bursts.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return path, frames


def _frames(wav_bytes: bytes) -> bytes:
    with wave.open(io.BytesIO(wav_bytes)) as piece:
        assert (piece.getnchannels(), piece.getsampwidth(), piece.getframerate()) == (1, 2, RATE)
        return bytes(piece.readframes(piece.getnframes()))


def test_the_pieces_hold_every_sample_once_within_the_budget(
    run: Runner, recording: tuple[Path, bytes]
) -> None:
    path, frames = recording
    transcript = run(lambda c: c.transcribe(path, model="whisper", chunking=BUDGET, max_workers=1))
    bodies = [request.body for request in run.server.requests]
    assert len(bodies) >= len(frames) // BUDGET + 1
    assert all(len(body) <= BUDGET for body in bodies)
    pieces = [_frames(body) for body in bodies]
    assert b"".join(pieces) == frames
    assert transcript.duration == pytest.approx(SECONDS)


def test_the_cuts_fall_between_bursts(run: Runner, recording: tuple[Path, bytes]) -> None:
    path, _ = recording
    run(lambda c: c.transcribe(path, model="whisper", chunking=BUDGET, max_workers=1))
    lengths = [len(_frames(request.body)) // 2 for request in run.server.requests]
    cuts = np.cumsum(lengths)[:-1] / RATE
    into_period = (cuts - 0.2) % PERIOD
    assert np.all(into_period > BURST), cuts


def _open_temporary_files(folder: Path) -> list[str]:
    """Files under `folder` this process holds open (deleted ones too)."""
    links = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            links.append(os.readlink(f"/proc/self/fd/{fd}"))
        except FileNotFoundError:  # the descriptor listdir itself used, now closed
            continue
    return [link for link in links if link.startswith(str(folder))]


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="open files are listed from /proc"
)


def _client(server: ScriptedServer) -> cfasr_ext.Client:
    return cfasr_ext.Client(
        api_token=TOKEN, account_id=ACCOUNT, base_url=server.base_url, retry_policy=FAST
    )


@needs_proc
@pytest.mark.parametrize("fails", [False, True], ids=["success", "a-piece-fails"])
def test_the_decoded_recording_is_closed_afterwards(
    server: ScriptedServer,
    recording: tuple[Path, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fails: bool,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    server.script = [Scripted(), FAILURE] if fails else []
    open_while_sending: list[list[str]] = []
    with _client(server) as client:

        def send(piece: bytes, timeout: float) -> Transcript:
            del timeout  # the client's own is enough for these short pieces
            open_while_sending.append(_open_temporary_files(tmp_path))
            return client.transcribe(piece, model="whisper")

        if fails:
            with pytest.raises(cfasr_ext.BadRequestError):
                transcribe_long(send, recording[0], model="m", max_bytes=BUDGET, max_workers=1)
        else:
            transcribe_long(send, recording[0], model="m", max_bytes=BUDGET, max_workers=1)
    assert all(len(files) == 1 for files in open_while_sending)
    assert _open_temporary_files(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


@needs_proc
@pytest.mark.parametrize("fails", [False, True], ids=["success", "a-piece-fails"])
async def test_the_decoded_recording_is_closed_after_async_pieces(
    server: ScriptedServer,
    recording: tuple[Path, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fails: bool,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    server.script = [Scripted(), FAILURE] if fails else []
    open_while_sending: list[list[str]] = []
    async with cfasr_ext.AsyncClient(
        api_token=TOKEN, account_id=ACCOUNT, base_url=server.base_url, retry_policy=FAST
    ) as client:

        async def send(piece: bytes, timeout: float) -> Transcript:
            del timeout  # the client's own is enough for these short pieces
            open_while_sending.append(_open_temporary_files(tmp_path))
            return await client.transcribe(piece, model="whisper")

        data = recording[0].read_bytes()
        if fails:
            with pytest.raises(cfasr_ext.BadRequestError):
                await atranscribe_long(send, data, model="m", max_bytes=BUDGET, max_workers=1)
        else:
            await atranscribe_long(send, data, model="m", max_bytes=BUDGET, max_workers=1)
    assert all(len(files) == 1 for files in open_while_sending)
    assert _open_temporary_files(tmp_path) == []
