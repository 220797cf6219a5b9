"""nova-3's `diarize=true` on the emulator's POST, with a recording of two voices taking
turns: each word carries a speaker, utterances and paragraphs never mix two (issue 27)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from cfasr_emulator.engine import TWO_SPEAKERS, WEATHER
from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_emulator.conftest import nova3_result as nova3
from tests.cfasr_emulator.engine.test_diarize import accuracy

pytestmark = pytest.mark.engine


def truth(words: Sequence[dict[str, Any]]) -> list[int]:
    """The speaker of the turn holding each word's midpoint (or the nearest turn)."""

    def distance(start: float, end: float, at: float) -> float:
        return max(start - at, at - end, 0.0)

    return [
        min(
            TWO_SPEAKERS.turns,
            key=lambda t: distance(t.start, t.end, (w["start"] + w["end"]) / 2),
        ).speaker
        for w in words
    ]


def test_two_voices_come_back_on_their_speakers(emulator: EmulatorHandle) -> None:
    result = nova3(
        emulator,
        TWO_SPEAKERS.path.read_bytes(),
        [
            ("diarize", "true"),
            ("utterances", "true"),
            ("paragraphs", "true"),
            ("punctuate", "true"),
        ],
    )
    assert "diarize" not in [w["parameter"] for w in result["metadata"].get("warnings", [])]
    alternative = result["results"]["channels"][0]["alternatives"][0]
    words = alternative["words"]
    speakers = [w["speaker"] for w in words]
    assert accuracy(speakers, truth(words)) >= 0.9
    assert speakers[0] == 0  # numbered in order of first appearance
    assert set(speakers) == {0, 1}
    assert all(0.0 <= w["speaker_confidence"] <= 1.0 for w in words)
    for utterance in result["results"]["utterances"]:
        assert {w["speaker"] for w in utterance["words"]} == {utterance["speaker"]}
    paragraphs = alternative["paragraphs"]["paragraphs"]
    assert {p["speaker"] for p in paragraphs} == {0, 1}
    assert len(paragraphs) >= len(TWO_SPEAKERS.turns) - 1
    transcript = alternative["paragraphs"]["transcript"]
    assert transcript.startswith("\nSpeaker 0: ")  # a speaker change is labelled, as Deepgram does
    assert "\n\nSpeaker 1: " in transcript


def test_one_voice_is_one_speaker(emulator: EmulatorHandle) -> None:
    result = nova3(emulator, WEATHER.path.read_bytes(), [("diarize", "true")])
    words = result["results"]["channels"][0]["alternatives"][0]["words"]
    assert {w["speaker"] for w in words} == {0}


def test_without_diarize_words_carry_no_speaker(emulator: EmulatorHandle) -> None:
    result = nova3(emulator, WEATHER.path.read_bytes(), [("utterances", "true")])
    words = result["results"]["channels"][0]["alternatives"][0]["words"]
    assert not any("speaker" in w for w in words)
    assert not any("speaker" in u for u in result["results"]["utterances"])
