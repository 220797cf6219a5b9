"""The common Transcript: validation, segmentation from words, and its JSON layout."""

from __future__ import annotations

import json

import attrs
import pytest

from cfasr_ext.transcript import Segment, Transcript, TranscriptFormatError, Word


def test_word_rejects_an_end_before_its_start() -> None:
    with pytest.raises(ValueError, match="end"):
        Word("late", 2.0, 1.0)


@pytest.mark.parametrize("start", [float("nan"), float("inf"), -0.5])
def test_word_rejects_times_that_are_not_seconds(start: float) -> None:
    with pytest.raises(ValueError, match="start"):
        Word("odd", start, 10.0)


def test_word_is_frozen() -> None:
    word = Word("a", 0, 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        word.text = "b"  # type: ignore[misc]


def test_from_words_joins_text_and_splits_segments_at_sentence_ends() -> None:
    words = [Word("Hi", 0.0, 0.2), Word("there.", 0.3, 0.6), Word("Bye!", 0.7, 1.0)]
    transcript = Transcript.from_words(words, model="m")
    assert transcript.text == "Hi there. Bye!"
    assert [(s.text, s.start, s.end) for s in transcript.segments] == [
        ("Hi there.", 0.0, 0.6),
        ("Bye!", 0.7, 1.0),
    ]
    assert transcript.segments[0].words == tuple(words[:2])


def test_from_words_splits_segments_at_pauses_over_one_second() -> None:
    words = [Word("one", 0.0, 0.5), Word("two", 1.4, 1.8), Word("three", 2.9, 3.2)]
    segments = Transcript.from_words(words, model="m").segments
    assert [s.text for s in segments] == ["one two", "three"]


def test_from_words_splits_segments_when_the_speaker_changes() -> None:
    words = [
        Word("hello", 0.0, 0.3, speaker=0),
        Word("hi", 0.4, 0.6, speaker=1),
        Word("you", 0.7, 0.9, speaker=1),
    ]
    segments = Transcript.from_words(words, model="m").segments
    assert [s.text for s in segments] == ["hello", "hi you"]


def test_sentence_end_is_seen_through_closing_quotes() -> None:
    words = [Word('"Stop."', 0.0, 0.5), Word("Then", 0.6, 0.9)]
    assert len(Transcript.from_words(words, model="m").segments) == 2


def test_from_words_keeps_a_given_text() -> None:
    words = [Word("It's", 0.0, 0.5)]
    assert Transcript.from_words(words, model="m", text="It’s").text == "It’s"


def sample() -> Transcript:
    return Transcript.from_words(
        [
            Word("Grüße,", 0.08, 0.4, confidence=0.99, speaker=0),
            Word("world.", 0.4, 0.8, confidence=0.5, speaker=0),
            Word("Again", 3.0, 3.5),
        ],
        model="@cf/deepgram/nova-3",
        language="de",
        duration=4.25,
        raw={"anything": "kept out of JSON"},
    )


def test_to_dict_has_the_documented_layout() -> None:
    data = sample().to_dict()
    assert list(data) == ["text", "language", "duration", "model", "words", "segments"]
    assert data["words"][0] == {
        "text": "Grüße,",
        "start": 0.08,
        "end": 0.4,
        "confidence": 0.99,
        "speaker": 0,
    }
    assert data["segments"][1] == {
        "text": "Again",
        "start": 3.0,
        "end": 3.5,
        "words": [{"text": "Again", "start": 3.0, "end": 3.5, "confidence": None, "speaker": None}],
    }
    assert "raw" not in data


def test_to_json_keeps_non_ascii_text_readable() -> None:
    assert '"Grüße,' in sample().to_json()


def test_json_round_trip_gives_an_equal_transcript() -> None:
    original = sample()
    assert Transcript.from_json(original.to_json()) == original
    assert Transcript.from_json(original.to_json(indent=None).encode()) == original


def test_raw_is_not_part_of_equality() -> None:
    assert attrs.evolve(sample(), raw=None) == sample()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "must be an object"),
        ('{"text": "a", "words": []}', "lacks the 'model' key"),
        ('{"text": 1, "words": [], "model": "m"}', "text must be str"),
        (
            '{"text": "a", "model": "m", "words": [{"text": "a", "start": "0", "end": 1}]}',
            "word start must be a number",
        ),
        (
            '{"text": "a", "model": "m", "words": [{"text": "a", "start": 2, "end": 1}]}',
            "must not be before start",
        ),
    ],
)
def test_from_json_rejects_other_json_with_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError, match=message):
        Transcript.from_json(text)


def test_segment_shift_moves_its_words_too() -> None:
    segment = Segment("a b", 1.0, 2.0, (Word("a", 1.0, 1.5), Word("b", 1.5, 2.0)))
    moved = segment.shifted(10.0)
    assert (moved.start, moved.end) == (11.0, 12.0)
    assert [(w.start, w.end) for w in moved.words] == [(11.0, 11.5), (11.5, 12.0)]


def test_json_is_plain_json_for_other_tools() -> None:
    assert json.loads(sample().to_json())["segments"][0]["text"] == "Grüße, world."
