"""Deepgram's options that act on recognised words, written once for the POST and the stream.

``replace`` (``find:replace``), ``search`` (fuzzy hits with a confidence and a snippet),
``paragraphs`` (sentences grouped by pauses) and ``extra`` (``key:value`` echoed back) need
only the words the engine heard and their times, so the emulator applies them for real
instead of reporting them as not applied. They work on :class:`StreamWord` (a bare
lower-case ``word``, a ``punctuated`` spelling and times), which both transports use.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

import attrs

from .heard_word import StreamWord, bare_word

__all__ = [
    "PARAGRAPH_PAUSE_S",
    "SEARCH_THRESHOLD",
    "Hit",
    "Paragraph",
    "extra_fields",
    "paragraphs",
    "replaced",
    "search",
]

SEARCH_THRESHOLD = 0.6
"""The least similarity (0..1, difflib's ratio on the words' letters) that counts as a hit:
below it, a window of words shares too few letters with the query to be worth reporting."""

PARAGRAPH_PAUSE_S = 1.0
"""A silence this long between two sentences starts a new paragraph."""

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")


def _same(word: str) -> str:
    """A bare word as rules compare it: the stream strips edge apostrophes ('til → til) and
    the POST keeps them, so a rule matches either spelling."""
    return word.strip("'")


def _rule(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``find:replace`` → (the bare words to find, the words to put instead); a rule without
    a colon removes what it finds, as an empty replacement does."""
    find, _, replacement = text.partition(":")
    words = (_same(bare_word(w)) for w in find.split())
    return tuple(w for w in words if w), tuple(replacement.split())


def replaced(words: Sequence[StreamWord], rules: Iterable[str]) -> tuple[StreamWord, ...]:
    """The words with each ``find:replace`` rule applied, in order: a match is whole words,
    case-insensitive, and may span several words; the replacement takes the matched words'
    time span (shared evenly) and keeps the punctuation that followed the last of them."""
    result = tuple(words)
    for find, replacement in (_rule(text) for text in rules):
        if find:
            result = _replace_one(result, find, replacement)
    return result


def _replace_one(
    words: tuple[StreamWord, ...], find: tuple[str, ...], replacement: tuple[str, ...]
) -> tuple[StreamWord, ...]:
    out: list[StreamWord] = []
    index = 0
    size = len(find)
    while index < len(words):
        window = words[index : index + size]
        if tuple(_same(w.word) for w in window) != find:
            out.append(words[index])
            index += 1
            continue
        start, end = window[0].start, window[-1].end
        trailing = window[-1].punctuated[len(window[-1].punctuated.rstrip(".,?!;:…")) :]
        step = (end - start) / max(len(replacement), 1)
        confidence = min(w.confidence for w in window)
        for number, text in enumerate(replacement):
            last = number == len(replacement) - 1
            out.append(
                StreamWord(
                    word=bare_word(text) or text.lower(),
                    punctuated=text + (trailing if last else ""),
                    start=round(start + number * step, 3),
                    end=round(start + (number + 1) * step, 3),
                    confidence=confidence,
                    speaker=window[0].speaker,
                    speaker_confidence=window[0].speaker_confidence,
                )
            )
        if not replacement and trailing and out:  # a removed word leaves its mark behind
            out[-1] = attrs.evolve(out[-1], punctuated=out[-1].punctuated + trailing)
        index += size
    return tuple(out)


@attrs.frozen
class Hit:
    """One place a search query was heard."""

    confidence: float
    start: float
    end: float
    snippet: str


def search(words: Sequence[StreamWord], query: str) -> list[Hit]:
    """Where ``query`` was (probably) said: every window of as many words as the query has,
    scored by how alike its letters are (difflib), best first; windows under
    :data:`SEARCH_THRESHOLD` are left out. Whisper mishears names, so an exact match would
    miss what Deepgram's fuzzy search finds."""
    wanted = " ".join(w for w in map(bare_word, query.split()) if w)
    size = len(wanted.split())
    if not wanted or not words:
        return []
    hits: list[Hit] = []
    for index in range(max(len(words) - size + 1, 1)):
        window = words[index : index + size]
        snippet = " ".join(w.word for w in window)
        score = difflib.SequenceMatcher(None, wanted, snippet).ratio()
        if score >= SEARCH_THRESHOLD:
            hits.append(Hit(round(score, 4), window[0].start, window[-1].end, snippet))
    return sorted(hits, key=lambda hit: (-hit.confidence, hit.start))


@attrs.frozen
class Sentence:
    text: str
    start: float
    end: float
    words: tuple[StreamWord, ...]

    @property
    def speaker(self) -> int | None:
        return self.words[0].speaker


@attrs.frozen
class Paragraph:
    """Sentences said without a long pause between them."""

    sentences: tuple[Sentence, ...]

    @property
    def start(self) -> float:
        return self.sentences[0].start

    @property
    def end(self) -> float:
        return self.sentences[-1].end

    @property
    def speaker(self) -> int | None:
        """The paragraph's speaker (a paragraph never spans two); ``None`` undiarized."""
        return self.sentences[0].speaker

    @property
    def num_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)


def _sentences(words: Sequence[StreamWord]) -> list[Sentence]:
    """Sentences end at a final mark, and where the speaker changes (diarized words)."""
    sentences: list[Sentence] = []
    current: list[StreamWord] = []
    for word in words:
        if current and current[-1].speaker != word.speaker:
            sentences.append(_sentence(current))
            current = []
        current.append(word)
        if _SENTENCE_END.search(word.punctuated):
            sentences.append(_sentence(current))
            current = []
    if current:
        sentences.append(_sentence(current))
    return sentences


def _sentence(words: list[StreamWord]) -> Sentence:
    text = " ".join(w.punctuated for w in words)
    return Sentence(text, words[0].start, words[-1].end, tuple(words))


def paragraphs(
    words: Sequence[StreamWord], speech: Sequence[tuple[float, float]] = ()
) -> list[Paragraph]:
    """The punctuated words as sentences (ending at ``.``, ``?``, ``!``), grouped into
    paragraphs wherever :data:`PARAGRAPH_PAUSE_S` or more of silence comes before a sentence.

    The silence is measured on ``speech`` (voice-activity regions, in seconds) when given:
    Whisper stretches a sentence's last word over the pause after it, so word times alone
    shorten pauses (1.5 s of silence once looked like 0.5 s)."""
    groups: list[list[Sentence]] = []
    for sentence in _sentences(words):
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and previous.speaker == sentence.speaker
            and _pause_before(sentence, previous, speech) < PARAGRAPH_PAUSE_S
        ):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return [Paragraph(tuple(group)) for group in groups]


def _pause_before(
    sentence: Sentence, previous: Sentence, speech: Sequence[tuple[float, float]]
) -> float:
    """Seconds of silence before ``sentence``: with ``speech``, the gap between the speech
    region it starts in and the region before (none if ``previous`` starts in the same
    region); without, the gap between the two sentences' word times."""
    if not speech:
        return sentence.start - previous.end
    here = _region_of(sentence.start, speech)
    if here == _region_of(previous.start, speech) or here == 0:
        return 0.0
    return speech[here][0] - speech[here - 1][1]


def _region_of(start: float, speech: Sequence[tuple[float, float]]) -> int:
    """The last speech region that begins by ``start`` (a word may begin a little early)."""
    index = 0
    for number, (region_start, _) in enumerate(speech):
        if region_start <= start + 0.1:
            index = number
    return index


def paragraphs_transcript(found: Sequence[Paragraph]) -> str:
    """Deepgram's ``paragraphs.transcript``: a newline, then the paragraphs separated by a
    blank line; diarized, a paragraph whose speaker differs from the one before starts with
    ``Speaker N: ``."""
    texts: list[str] = []
    previous: int | None = None
    for paragraph in found:
        text = " ".join(s.text for s in paragraph.sentences)
        if paragraph.speaker is not None and paragraph.speaker != previous:
            text = f"Speaker {paragraph.speaker}: {text}"
        previous = paragraph.speaker
        texts.append(text)
    return "\n" + "\n\n".join(texts) if texts else ""


def extra_fields(values: Iterable[str]) -> dict[str, str]:
    """``extra=key:value`` parameters → the ``metadata.extra`` object Deepgram echoes (a
    value without a colon is a key with an empty value; a repeated key keeps the last)."""
    fields: dict[str, str] = {}
    for text in values:
        key, _, value = text.partition(":")
        fields[key] = value
    return fields
