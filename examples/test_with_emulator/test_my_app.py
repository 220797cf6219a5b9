"""Tests of `my_app` against the local emulator: real HTTP, real recognition, no network."""

from __future__ import annotations

from pathlib import Path

import my_app
import pytest
from conftest import client_for

import cfasr_ext
from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext.subtitles import parse_srt


def test_caption_covers_the_whole_sentence(client: cfasr_ext.Client) -> None:
    cues = parse_srt(my_app.caption(client, WEATHER.path))
    assert " ".join(word for cue in cues for word in cue.text.split()) == WEATHER.text
    assert cues[-1].end <= WEATHER.duration


def test_a_missing_file_is_refused_before_anything_is_sent(
    client: cfasr_ext.Client, tmp_path: Path
) -> None:
    with pytest.raises(cfasr_ext.AudioInputError, match=r"missing\.wav"):
        my_app.caption(client, tmp_path / "missing.wav")


def test_one_503_is_retried_transparently(flaky_emulator: EmulatorHandle) -> None:
    with client_for(flaky_emulator) as client:
        assert my_app.transcribe_or_none(client, WEATHER.path) is not None


def test_lasting_rate_limits_give_none(busy_emulator: EmulatorHandle) -> None:
    retry_fast = cfasr_ext.RetryPolicy(initial_delay=0.01, max_delay=0.01)
    with client_for(busy_emulator, max_retries=1, retry_policy=retry_fast) as client:
        assert my_app.transcribe_or_none(client, WEATHER.path) is None
