"""SRT/WebVTT writers against hand-written golden files, and the parsers on what they write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cfasr_ext._errors import OptionError
from cfasr_ext.subtitles import (
    Cue,
    SubtitleError,
    SubtitleFormatError,
    cues_from_words,
    format_srt_time,
    format_vtt_time,
    parse_srt,
    parse_vtt,
    write_srt,
    write_vtt,
)
from cfasr_ext.transcript import Segment, Transcript, Word

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def words_of(*items: tuple[str, float, float]) -> list[Word]:
    return [Word(text, start, end) for text, start, end in items]


SHORT_SENTENCES = words_of(
    ("Hello", 0.0, 0.4),
    ("world.", 0.5, 1.0),
    ("This", 2.5, 2.8),
    ("is", 2.8, 3.0),
    ("a", 3.0, 3.1),
    ("test.", 3.1, 3.6),
)

# 23 words, one every 0.3 s (0.25 s long), starting at 01:01:01.
LONG_TEXT = (
    "The quick brown fox jumps over the lazy dog, and then it runs far away into the dark "
    "forest. Nobody saw it again."
)
LONG_WRAP = [
    Word(text, round(3661 + 0.3 * i, 3), round(3661 + 0.3 * i + 0.25, 3))
    for i, text in enumerate(LONG_TEXT.split())
]

TIMING_EDGES = words_of(
    ("Wait!", 10.0, 10.1),  # alone after it: stretched to the 0.5 s minimum
    ("R&D", 11.5, 11.9),  # escaped in WebVTT
    ("<3", 11.9, 12.0),
    ("Longword", 13.2, 25.0),  # longer than 7 s, and overlapped by the next word
    ("overlap", 20.0, 20.6),
)


def transcript(words: list[Word]) -> Transcript:
    return Transcript.from_words(words, model="@cf/openai/whisper")


@pytest.mark.parametrize(
    ("words", "name"),
    [
        (SHORT_SENTENCES, "short_sentences.srt"),
        (LONG_WRAP, "long_wrap.srt"),
        (TIMING_EDGES, "timing_edges.srt"),
    ],
)
def test_srt_matches_hand_written_golden_file(words: list[Word], name: str) -> None:
    assert transcript(words).to_srt() == golden(name)


@pytest.mark.parametrize(
    ("words", "name"),
    [(LONG_WRAP, "long_wrap.vtt"), (TIMING_EDGES, "timing_edges.vtt")],
)
def test_vtt_matches_hand_written_golden_file(words: list[Word], name: str) -> None:
    assert transcript(words).to_vtt() == golden(name)


def test_segments_without_words_share_their_time_among_their_words() -> None:
    only_segments = Transcript(
        text="One two three four Five six.",
        words=(),
        segments=(
            Segment("One two three four", 0.0, 4.0),
            Segment("Five six.", 6.0, 7.0),
        ),
        language="en",
        duration=7.0,
        model="@cf/openai/whisper-large-v3-turbo",
    )
    assert only_segments.to_srt() == golden("segments_only.srt")


def test_text_with_duration_only_becomes_timed_cues() -> None:
    bare = Transcript("Hello there.", (), (), None, 2.0, "@cf/deepgram/nova-3")
    assert parse_srt(bare.to_srt()) == [Cue(0.0, 2.0, ("Hello there.",))]


def test_text_without_any_times_raises_a_subtitle_error_saying_why() -> None:
    bare = Transcript("Hello there.", (), (), None, None, "@cf/deepgram/nova-3")
    with pytest.raises(SubtitleError, match="no word, segment or duration times"):
        bare.to_srt()


def test_empty_transcript_gives_empty_subtitles() -> None:
    empty = Transcript("", (), (), None, None, "@cf/deepgram/nova-3")
    assert empty.to_srt() == ""
    assert empty.to_vtt() == "WEBVTT\n"


@pytest.mark.parametrize(
    ("words", "name"),
    [(SHORT_SENTENCES, "short"), (LONG_WRAP, "long"), (TIMING_EDGES, "edges")],
)
def test_parsers_read_back_exactly_the_cues_written(words: list[Word], name: str) -> None:
    cues = cues_from_words(words)
    assert parse_srt(write_srt(cues)) == cues
    assert parse_vtt(write_vtt(cues)) == cues


@pytest.mark.parametrize(
    ("seconds", "srt", "vtt"),
    [
        (0.0, "00:00:00,000", "00:00:00.000"),
        (3723.456, "01:02:03,456", "01:02:03.456"),
        (59.9996, "00:01:00,000", "00:01:00.000"),
        (360000.0, "100:00:00,000", "100:00:00.000"),
        (-0.2, "00:00:00,000", "00:00:00.000"),
    ],
)
def test_timestamps_are_formatted_past_one_hour(seconds: float, srt: str, vtt: str) -> None:
    assert format_srt_time(seconds) == srt
    assert format_vtt_time(seconds) == vtt


def test_rounding_never_puts_an_end_before_its_start() -> None:
    cues = [Cue(1.0004, 1.0004, ("a",)), Cue(1.0004, 1.0006, ("b",))]
    for cue in parse_srt(write_srt(cues)):
        assert cue.end >= cue.start


def test_limits_are_keyword_arguments() -> None:
    cues = cues_from_words(LONG_WRAP, max_line_chars=20, max_lines=1, max_cue_seconds=2.0)
    assert all(len(cue.lines) == 1 and len(cue.lines[0]) <= 20 for cue in cues)
    assert all(cue.end - cue.start <= 2.0 for cue in cues)
    assert " ".join(cue.text for cue in cues) == LONG_TEXT


@pytest.mark.parametrize(
    "limits",
    [
        {"max_line_chars": 0},
        {"max_lines": 0},
        {"max_cue_seconds": 0},
        {"min_cue_seconds": 8.0},
        {"pause_seconds": -1.0},
    ],
)
def test_limits_out_of_range_raise_option_error(limits: dict[str, Any]) -> None:
    with pytest.raises(OptionError):
        cues_from_words(SHORT_SENTENCES, **limits)


TWO_SENTENCES = (
    "We went to the market early in the morning. Then we walked home slowly along the river"
)


def test_a_sentence_end_is_preferred_to_filling_the_cue() -> None:
    words = [Word(text, i * 0.3, i * 0.3 + 0.25) for i, text in enumerate(TWO_SENTENCES.split())]
    first = cues_from_words(words)[0]
    assert first.text.replace("\n", " ") == "We went to the market early in the morning."


def test_parse_vtt_reads_cloudflare_style_short_timestamps_settings_and_tags() -> None:
    text = (
        "\ufeffWEBVTT - made by whisper\r\n\r\n"
        "NOTE this is a comment\r\n\r\n"
        "cue-1\r\n00:00.000 --> 00:00.140 align:start position:10%\r\n The\r\n\r\n"
        "01:00:00.500 --> 01:00:01.000\r\n<v Bob>Tom &amp; Jerry</v>\r\n"
    )
    assert parse_vtt(text) == [
        Cue(0.0, 0.14, ("The",)),
        Cue(3600.5, 3601.0, ("Tom & Jerry",)),
    ]


def test_parse_srt_accepts_blocks_without_index_lines() -> None:
    text = "00:00:01,000 --> 00:00:02,500\nHi\n\n2\n00:00:03,000 --> 00:00:04,000\nA\nB\n"
    assert parse_srt(text) == [Cue(1.0, 2.5, ("Hi",)), Cue(3.0, 4.0, ("A", "B"))]


@pytest.mark.parametrize(
    ("parser", "text", "message"),
    [
        (parse_vtt, "00:00.000 --> 00:01.000\nHi\n", "must start with a 'WEBVTT'"),
        (parse_vtt, "WEBVTT\n\n00:00.000 -> 00:01.000\nHi\n", "no 'start --> end' line"),
        (parse_srt, "1\n00:00:01 --> 00:00:02,000\nHi\n", "is not a timestamp"),
        (parse_srt, "1\n00:00:03,000 --> 00:00:02,000\nHi\n", "before start"),
    ],
)
def test_malformed_subtitles_raise_format_error(
    parser: Callable[[str], list[Cue]], text: str, message: str
) -> None:
    with pytest.raises(SubtitleFormatError, match=message):
        parser(text)


def test_a_change_of_speaker_starts_a_new_cue() -> None:
    words = [
        Word("How", 0.0, 0.2, speaker=0),
        Word("are", 0.2, 0.4, speaker=0),
        Word("you?", 0.4, 0.7, speaker=0),
        Word("Fine", 0.8, 1.0, speaker=1),
        Word("thanks.", 1.0, 1.4, speaker=1),
    ]
    assert [cue.text for cue in cues_from_words(words)] == ["How are you?", "Fine thanks."]


def test_transcript_passes_limits_through_to_the_writers() -> None:
    narrow = transcript(LONG_WRAP)
    for cue in parse_srt(narrow.to_srt(max_lines=1)) + parse_vtt(narrow.to_vtt(max_lines=1)):
        assert len(cue.lines) == 1
