"""`cfasr transcribe --model nova-3 --multichannel` on a stereo call: every output format
keeps the channels apart (JSON `channel` keys, `[channel N]` cue and line labels)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cfasr_ext.subtitles import parse_srt, parse_vtt
from cfasr_ext.transcript import Transcript
from tests.cfasr_cli.conftest import Cfasr, assert_one_line_error
from tests.support.stereo import CHANNEL_WORDS, stereo_call, words_of


@pytest.fixture
def call_wav(tmp_path: Path) -> Path:
    path = tmp_path / "call.wav"
    path.write_bytes(stereo_call().wav)
    return path


def _assert_apart(by_channel: dict[int, str]) -> None:
    assert set(by_channel) == {0, 1}
    for index, own in enumerate(CHANNEL_WORDS):
        heard = words_of(by_channel[index])
        assert len(heard & set(own)) >= len(own) - 1, (index, heard)
        assert not heard & set(CHANNEL_WORDS[1 - index]), (index, heard)


def test_srt_vtt_and_txt_are_labelled_by_channel(
    cfasr: Cfasr, call_wav: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    for fmt in ("srt", "vtt", "txt"):
        result = cfasr(
            "-q", "transcribe", "-m", "nova-3", "--multichannel", "-f", fmt, "-o", out, call_wav
        )
        assert result.exit_code == 0, result.stderr
    for fmt, parse in (("srt", parse_srt), ("vtt", parse_vtt)):
        cues = parse((out / f"call.{fmt}").read_text())
        assert all(cue.channel in (0, 1) for cue in cues)
        by_channel: dict[int, str] = {}
        for cue in cues:
            assert cue.channel is not None
            by_channel[cue.channel] = f"{by_channel.get(cue.channel, '')} {cue.text}"
        _assert_apart(by_channel)
    lines = (out / "call.txt").read_text().splitlines()
    assert all(line.startswith(("[channel 0] ", "[channel 1] ")) for line in lines)
    _assert_apart(
        {
            index: " ".join(
                line for line in lines if line.startswith(f"[channel {index}] ")
            ).replace(f"[channel {index}] ", " ")
            for index in (0, 1)
        }
    )


def test_json_keeps_the_channels_apart(cfasr: Cfasr, call_wav: Path) -> None:
    result = cfasr("transcribe", "-m", "nova-3", "--multichannel", "-f", "json", call_wav)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {word["channel"] for word in data["words"]} == {0, 1}
    transcript = Transcript.from_dict(data)
    _assert_apart({index: transcript.for_channel(index).text for index in (0, 1)})


def test_chunking_with_multichannel_is_refused(cfasr: Cfasr, call_wav: Path) -> None:
    result = cfasr("transcribe", "-m", "nova-3", "--multichannel", "--chunking", call_wav)
    assert_one_line_error(result, code=2, contains="--chunking")
