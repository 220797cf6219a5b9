"""The word options' edge cases, on words as the engine spells them (no server needed: these
are the pure rules both transports share)."""

from __future__ import annotations

from cfasr_emulator.heard_word import StreamWord
from cfasr_emulator.word_options import paragraphs, paragraphs_transcript, replaced, search


def words(*spelled: str) -> tuple[StreamWord, ...]:
    return tuple(
        StreamWord(w.strip(".,?!").lower(), w, float(i), i + 0.5, 0.9)
        for i, w in enumerate(spelled)
    )


def test_a_removed_word_leaves_its_full_stop_so_sentences_stay_apart() -> None:
    heard = replaced(words("Hello", "world.", "Bye."), ["world:"])
    assert [w.punctuated for w in heard] == ["Hello.", "Bye."]
    assert [s.text for p in paragraphs(heard) for s in p.sentences] == ["Hello.", "Bye."]


def test_a_rule_matches_a_word_whatever_its_edge_apostrophes() -> None:
    stream_spelling = (StreamWord("til", "'til", 0.0, 0.5, 0.9),)
    assert [w.word for w in replaced(stream_spelling, ["'til:until"])] == ["until"]


def test_search_with_more_query_words_than_were_heard() -> None:
    hits = search(words("park"), "the park after lunch")
    assert all(0.0 <= hit.confidence <= 1.0 for hit in hits)


def test_nothing_heard_gives_no_hits_and_no_paragraphs() -> None:
    assert search((), "park") == []
    assert paragraphs(()) == []
    assert paragraphs_transcript([]) == ""
    assert replaced((), ["a:b"]) == ()
