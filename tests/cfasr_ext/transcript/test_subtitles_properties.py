"""Properties of cues laid out from any increasing list of words."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cfasr_ext.subtitles import cues_from_words, parse_srt, parse_vtt, write_srt, write_vtt
from cfasr_ext.transcript import Word

MAX_LINE = 42

word_texts = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "S"]),
    min_size=1,
    max_size=MAX_LINE,
)


@st.composite
def increasing_words(draw: st.DrawFn) -> list[Word]:
    """Words in time order, each starting at or after the previous one's end."""
    count = draw(st.integers(min_value=0, max_value=60))
    words = []
    time = draw(st.floats(min_value=0, max_value=8000, allow_nan=False))
    for _ in range(count):
        time += draw(st.floats(min_value=0, max_value=3))
        length = draw(st.floats(min_value=0, max_value=9))
        words.append(Word(draw(word_texts), time, time + length))
        time += length
    return words


@st.composite
def overlapping_words(draw: st.DrawFn) -> list[Word]:
    """Words whose starts increase but whose ends may run past the next start, as models give."""
    count = draw(st.integers(min_value=0, max_value=60))
    words = []
    time = draw(st.floats(min_value=0, max_value=8000, allow_nan=False))
    for _ in range(count):
        time += draw(st.floats(min_value=0, max_value=2))
        words.append(Word(draw(word_texts), time, time + draw(st.floats(min_value=0, max_value=9))))
    return words


limits = st.fixed_dictionaries(
    {
        "max_line_chars": st.integers(min_value=MAX_LINE, max_value=60),
        "max_lines": st.integers(min_value=1, max_value=3),
        "max_cue_seconds": st.floats(min_value=1, max_value=10),
        "min_cue_seconds": st.floats(min_value=0, max_value=1),
    }
)


@settings(max_examples=120, deadline=None)
@given(st.one_of(increasing_words(), overlapping_words()), limits)
def test_cues_never_overlap_and_never_run_backwards(
    words: list[Word], chosen: dict[str, Any]
) -> None:
    cues = cues_from_words(words, **chosen)
    for cue in cues:
        assert cue.start <= cue.end
        assert cue.end - cue.start <= chosen["max_cue_seconds"] + 0.0005
    for before, after in itertools.pairwise(cues):
        assert before.end <= after.start


@settings(max_examples=120, deadline=None)
@given(increasing_words(), limits)
def test_every_line_and_cue_is_within_the_limits(words: list[Word], chosen: dict[str, Any]) -> None:
    for cue in cues_from_words(words, **chosen):
        assert 1 <= len(cue.lines) <= chosen["max_lines"]
        assert all(len(line) <= chosen["max_line_chars"] for line in cue.lines)


@settings(max_examples=120, deadline=None)
@given(increasing_words(), limits)
def test_every_word_appears_exactly_once_in_order(
    words: list[Word], chosen: dict[str, Any]
) -> None:
    cues = cues_from_words(words, **chosen)
    laid_out = [text for cue in cues for line in cue.lines for text in line.split(" ")]
    assert laid_out == [word.text for word in words]


@settings(max_examples=100, deadline=None)
@given(increasing_words())
def test_written_subtitles_parse_back_to_the_same_cues(words: list[Word]) -> None:
    cues = cues_from_words(words)
    assert parse_srt(write_srt(cues)) == cues
    assert parse_vtt(write_vtt(cues)) == cues
