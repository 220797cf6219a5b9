"""nova-3's word options on the emulator as a real server, with real speech: `replace`,
`search`, `paragraphs` and `extra` are applied to what the engine heard (issue 27), not
reported as not applied."""

from __future__ import annotations

from typing import Any

import pytest

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER
from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_emulator.conftest import nova3_result as nova3
from tests.cfasr_emulator.conftest import post

pytestmark = pytest.mark.engine

NOVA = "@cf/deepgram/nova-3"


def alternative(result: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = result["results"]["channels"][0]["alternatives"][0]
    return found


def test_replace_changes_the_words_and_the_transcript(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    plain = alternative(nova3(emulator, weather_wav, [("punctuate", "true")]))
    assert "weather" in [w["word"] for w in plain["words"]]
    result = nova3(
        emulator,
        weather_wav,
        [("punctuate", "true"), ("replace", "weather:climate"), ("replace", "the park:a garden")],
    )
    words = alternative(result)["words"]
    bare = [w["word"] for w in words]
    assert "weather" not in bare
    assert "climate" in bare
    assert "park" not in bare
    assert bare[-2:] == ["a", "garden"]
    assert words[-1]["punctuated_word"] == "garden."  # the matched word's trailing mark stays
    assert "climate" in alternative(result)["transcript"]
    assert len(words) == len(plain["words"])  # "the park" → "a garden": two words for two
    assert words[-1]["end"] == plain["words"][-1]["end"]


def test_search_reports_where_a_query_was_said(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    result = nova3(emulator, weather_wav, [("search", "park"), ("search", "elephant")])
    park, elephant = result["results"]["channels"][0]["search"]
    assert park["query"] == "park"
    best = park["hits"][0]
    assert best["snippet"] == "park"
    assert best["confidence"] == 1.0
    said = next(w for w in alternative(result)["words"] if w["word"] == "park")
    assert (best["start"], best["end"]) == (said["start"], said["end"])
    assert elephant == {"query": "elephant", "hits": []}


def test_paragraphs_split_at_a_long_pause(emulator: EmulatorHandle) -> None:
    result = nova3(
        emulator,
        TWO_SENTENCES.path.read_bytes(),
        [("punctuate", "true"), ("paragraphs", "true")],
    )
    paragraphs = alternative(result)["paragraphs"]
    assert len(paragraphs["paragraphs"]) == 2  # 1.5 s of silence between the two sentences
    first, second = paragraphs["paragraphs"]
    assert first["end"] < second["start"]
    assert "report" in first["sentences"][0]["text"].lower()
    assert "park" in second["sentences"][-1]["text"].lower()
    assert sum(p["num_words"] for p in paragraphs["paragraphs"]) == len(
        alternative(result)["words"]
    )
    transcript = paragraphs["transcript"]
    assert transcript.startswith("\nPlease")  # Deepgram's shape: "\nA.\n\nB."
    assert not transcript.endswith("\n")
    assert transcript.count("\n\n") == 1


def test_paragraphs_turn_punctuation_on_as_deepgram_does(emulator: EmulatorHandle) -> None:
    result = nova3(emulator, TWO_SENTENCES.path.read_bytes(), [("paragraphs", "true")])
    words = alternative(result)["words"]
    assert all("punctuated_word" in w for w in words)
    assert alternative(result)["transcript"].startswith("Please")


def test_extra_is_echoed_in_the_metadata(emulator: EmulatorHandle, weather_wav: bytes) -> None:
    result = nova3(emulator, weather_wav, [("extra", "team:asr"), ("extra", "run:7")])
    assert result["metadata"]["extra"] == {"team": "asr", "run": "7"}


def test_without_the_options_nothing_is_added(emulator: EmulatorHandle) -> None:
    result = nova3(emulator, WEATHER.path.read_bytes(), [])
    assert "search" not in result["results"]["channels"][0]
    assert "paragraphs" not in alternative(result)
    assert "extra" not in result["metadata"]


@pytest.mark.parametrize("name", ["search", "replace"])
def test_more_values_than_the_emulator_takes_are_refused(
    emulator: EmulatorHandle, weather_wav: bytes, name: str
) -> None:
    """search and replace work over every word heard, once per value: the emulator caps how
    many values one request may carry (its own limit, declared in the spec) rather than let
    one request tie up the server."""
    values = [
        (name, f"term{index}:x" if name == "replace" else f"term{index}") for index in range(101)
    ]
    response = post(
        emulator, NOVA, content=weather_wav, params=values, headers={"content-type": "audio/wav"}
    )
    assert response.status_code == 400, response.text
    message = response.json()["errors"][0]["message"]
    assert "at most 100" in message
    assert "cfasr emulator" in message
