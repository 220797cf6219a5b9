"""`cfasr stream --multichannel` sends a stereo file's channels interleaved (not mixed to mono)
and labels each line with its channel, as `cfasr transcribe` does; every stream closes with the
audio it sent."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from cfasr_cli.report import format_duration
from tests.cfasr_cli.conftest import WEATHER_WAV, Cfasr, assert_one_line_error
from tests.support.stereo import CHANNEL_WORDS, stereo_call, words_of


@pytest.fixture
def call_wav(tmp_path: Path) -> Path:
    path = tmp_path / "call.wav"
    path.write_bytes(stereo_call().wav)
    return path


def _by_channel(lines: list[str]) -> dict[int, set[str]]:
    heard: dict[int, set[str]] = {}
    for line in lines:
        for index in (0, 1):
            label = f"[channel {index}] "
            if line.startswith(label):
                heard.setdefault(index, set()).update(words_of(line.removeprefix(label)))
    return heard


def _assert_apart(heard: dict[int, set[str]]) -> None:
    assert set(heard) == {0, 1}, heard
    for index, own in enumerate(CHANNEL_WORDS):
        assert len(heard[index] & set(own)) >= len(own) - 1, (index, heard[index])
        assert not heard[index] & set(CHANNEL_WORDS[1 - index]), (index, heard[index])


def test_stereo_file_is_streamed_per_channel(cfasr: Cfasr, call_wav: Path) -> None:
    result = cfasr("stream", "--multichannel", call_wav)
    assert result.exit_code == 0, result.stderr
    _assert_apart(_by_channel(result.stderr.splitlines()))  # the live lines
    _assert_apart(_by_channel(result.stdout.splitlines()))  # the final transcript
    seconds = format_duration(stereo_call().duration)
    assert result.stderr.splitlines()[-1] == f"streamed {seconds} of audio"


def test_mono_stream_says_how_much_audio_it_sent(cfasr: Cfasr) -> None:
    result = cfasr("stream", WEATHER_WAV)
    assert result.exit_code == 0, result.stderr
    assert "[channel" not in result.stderr + result.stdout
    with wave.open(str(WEATHER_WAV)) as sample:
        seconds = format_duration(sample.getnframes() / sample.getframerate())
    assert result.stderr.splitlines()[-1] == f"streamed {seconds} of audio"


def test_multichannel_from_the_microphone_is_refused(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("stream", "--mic", "--multichannel")
    assert_one_line_error(result, code=2, contains="--multichannel")
