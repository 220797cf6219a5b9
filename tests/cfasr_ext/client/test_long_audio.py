"""`transcribe(..., chunking=...)`: long audio split at silences, stitched with absolute times."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

import cfasr_ext
from cfasr_emulator.testing import EmulatorHandle, run_emulator

pytestmark = pytest.mark.engine  # the real speech engine: not in make test-fast

DATA = Path(__file__).resolve().parents[3] / "cfasr_emulator/data"
SENTENCE_WORDS = ("weather", "meet in the park")


def _count_sentences(text: str) -> set[int]:
    """How often each landmark of the sentence was heard (tiny.en may garble other words)."""
    return {text.lower().count(landmark) for landmark in SENTENCE_WORDS}


def _frames(name: str) -> bytes:
    with wave.open(str(DATA / name)) as wav:
        return bytes(wav.readframes(wav.getnframes()))


@pytest.fixture(scope="module")
def long_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The weather sentence four times with 1 s silences: 19.6 s, ~630 KB, known positions."""
    silence = b"\x00\x00" * 16000
    weather = _frames("weather_park.wav")
    path = tmp_path_factory.mktemp("long") / "long.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((weather + silence) * 4)
    return path


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator() as handle:
        yield handle


def _client(emulator: EmulatorHandle) -> cfasr_ext.Client:
    return cfasr_ext.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    )


def test_chunked_transcript_has_every_sentence_once_with_absolute_times(
    emulator: EmulatorHandle, long_recording: Path
) -> None:
    with _client(emulator) as client:
        transcript = client.transcribe(
            long_recording, model="whisper-tiny-en", chunking=200_000, max_workers=2
        )
    assert _count_sentences(transcript.text) == {4}
    starts = [word.start for word in transcript.words]
    assert starts == sorted(starts)
    assert transcript.words[-1].end > 14.0  # the last sentence starts at 14.7 s
    assert transcript.duration == pytest.approx(19.6, abs=0.05)


async def test_async_chunking_matches_sync(emulator: EmulatorHandle, long_recording: Path) -> None:
    async with cfasr_ext.AsyncClient(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        transcript = await client.transcribe(
            long_recording.read_bytes(), model="whisper-tiny-en", chunking=200_000
        )
    assert _count_sentences(transcript.text) == {4}


def test_short_audio_is_sent_whole_even_with_chunking(emulator: EmulatorHandle) -> None:
    with _client(emulator) as client:
        transcript = client.transcribe(
            DATA / "weather_park.wav", model="whisper-tiny-en", chunking=True
        )
    assert _count_sentences(transcript.text) == {1}


@pytest.mark.parametrize("chunking", [1000, 0, -5])
def test_a_piece_size_below_two_seconds_is_refused(emulator: EmulatorHandle, chunking: int) -> None:
    with _client(emulator) as client, pytest.raises(cfasr_ext.OptionError, match="at least"):
        client.transcribe(DATA / "weather_park.wav", model="whisper", chunking=chunking)


def test_chunking_an_iterator_says_what_to_pass(emulator: EmulatorHandle) -> None:
    with _client(emulator) as client, pytest.raises(cfasr_ext.AudioInputError, match="path"):
        client.transcribe(iter([b"RIFF"]), model="whisper", chunking=True)


def test_chunking_bytes_that_are_not_audio_is_a_clear_error(emulator: EmulatorHandle) -> None:
    with _client(emulator) as client, pytest.raises(cfasr_ext.AudioInputError, match="as audio"):
        client.transcribe(b"not audio at all" * 100_000, model="whisper", chunking=True)
