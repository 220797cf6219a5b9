"""How timed words become cues: where a cue breaks, how its lines wrap, when it shows.

The layout rules behind `cfasr_ext.subtitles` (its docstring states them for users), apart
from the SRT and WebVTT formats, which know nothing of them. Times are whole milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from cfasr_ext._errors import OptionError
from cfasr_ext._timed_words import Segment, Word, ends_sentence

_CLAUSE_END = frozenset(",;:–—")
_CLOSERS = "\"')]}”’»"

# A cue ending at a punctuation mark is only chosen when it holds at least this share of the
# text that would fit, so a short "Yes." does not become a cue of its own.
_MIN_FILL_FOR_PREFERRED_BREAK = 0.4
_LINE_BREAK_PUNCTUATION_BONUS = 8


@attrs.frozen
class Limits:
    """`cues_from_words`'s keyword limits, refused with `OptionError` once, when out of range."""

    max_line_chars: int = 42
    max_lines: int = 2
    max_cue_seconds: float = 7.0
    min_cue_seconds: float = 0.5
    pause_seconds: float = 1.0

    def __attrs_post_init__(self) -> None:
        if self.max_line_chars < 1 or self.max_lines < 1:
            raise OptionError("max_line_chars and max_lines must be at least 1")
        if not self.max_cue_seconds > 0:
            raise OptionError("max_cue_seconds must be greater than 0")
        if not 0 <= self.min_cue_seconds <= self.max_cue_seconds:
            raise OptionError("min_cue_seconds must be between 0 and max_cue_seconds")
        if not self.pause_seconds > 0:
            raise OptionError("pause_seconds must be greater than 0")


@attrs.frozen
class Token:
    text: str
    start: int  # milliseconds
    end: int
    speaker: int | None


def token_of(word: Word) -> Token:
    start = max(0, round(word.start * 1000))
    end = max(start, round(word.end * 1000))
    return Token(" ".join(word.text.split()), start, end, word.speaker)


def group(tokens: Sequence[Token], limits: Limits) -> list[tuple[int, int]]:
    """Half-open index ranges of the tokens of each cue."""
    groups = []
    first = 0
    while first < len(tokens):
        last, stopped_by_pause = _furthest_fit(tokens, first, limits)
        if last < len(tokens) and not stopped_by_pause:
            last = _preferred_break(tokens, first, last)
        groups.append((first, last))
        first = last
    return groups


def _furthest_fit(tokens: Sequence[Token], first: int, limits: Limits) -> tuple[int, bool]:
    """The end of the longest run from `first` that fits one cue, and whether a pause or a
    change of speaker ended it (those always end a cue)."""
    max_ms = round(limits.max_cue_seconds * 1000)
    pause_ms = round(limits.pause_seconds * 1000)
    end_ms = tokens[first].end
    last = first + 1
    while last < len(tokens):
        token = tokens[last]
        previous = tokens[last - 1]
        if token.start - previous.end > pause_ms or token.speaker != previous.speaker:
            return last, True
        end_ms = max(end_ms, token.end)
        texts = [t.text for t in tokens[first : last + 1]]
        if end_ms - tokens[first].start > max_ms or _line_count(texts, limits) > limits.max_lines:
            break
        last += 1
    return last, False


def _preferred_break(tokens: Sequence[Token], first: int, last: int) -> int:
    """Where to end a cue that cannot hold everything up to `last`: the strongest break that
    keeps the cue reasonably full, latest first on ties."""
    full = sum(len(t.text) + 1 for t in tokens[first:last])
    best, best_strength = last, 0
    filled = 0
    for index in range(first, last):
        filled += len(tokens[index].text) + 1
        strength = _break_strength(tokens[index], tokens[index + 1])
        if (
            strength >= best_strength
            and strength > 0
            and filled >= _MIN_FILL_FOR_PREFERRED_BREAK * full
        ):
            best, best_strength = index + 1, strength
    return best


def _break_strength(token: Token, following: Token) -> int:
    gap = following.start - token.end
    strength = 0
    if ends_sentence(token.text):
        strength = 3
    elif token.text.rstrip(_CLOSERS)[-1:] in _CLAUSE_END:
        strength = 2
    if gap >= 500:
        strength = max(strength, 2)
    elif gap >= 250:
        strength = max(strength, 1)
    return strength


def _line_count(texts: Sequence[str], limits: Limits) -> int:
    """Fewest lines the texts need (greedy filling is optimal for this)."""
    lines, width = 1, -1
    for text in texts:
        if width >= 0 and width + 1 + len(text) > limits.max_line_chars:
            lines, width = lines + 1, len(text)
        else:
            width = len(text) if width < 0 else width + 1 + len(text)
    return lines


def wrap(texts: Sequence[str], limits: Limits) -> tuple[str, ...]:
    """The fewest lines that hold the texts, as even as possible, breaking after punctuation
    when that costs little evenness."""
    count = _line_count(texts, limits)
    if count == 1:
        return (" ".join(texts),)
    # best[k][i]: (cost, break positions) laying texts[:i] out in k lines
    infinity = float("inf")
    target = (sum(len(t) for t in texts) + len(texts) - count) / count
    best: list[list[tuple[float, tuple[int, ...]]]] = [
        [(infinity, ())] * (len(texts) + 1) for _ in range(count + 1)
    ]
    best[0][0] = (0.0, ())
    for k in range(1, count + 1):
        for i in range(1, len(texts) + 1):
            for j in range(i):
                previous_cost, breaks = best[k - 1][j]
                width = len(" ".join(texts[j:i]))
                if previous_cost == infinity or (width > limits.max_line_chars and i - j > 1):
                    continue
                cost = previous_cost + (width - target) ** 2
                if i < len(texts) and _break_strength_text(texts[i - 1]):
                    cost -= _LINE_BREAK_PUNCTUATION_BONUS**2
                if cost < best[k][i][0]:
                    best[k][i] = (cost, (*breaks, i))
    _, breaks = best[count][len(texts)]
    starts = (0, *breaks[:-1])
    return tuple(" ".join(texts[a:b]) for a, b in zip(starts, breaks, strict=True))


def _break_strength_text(text: str) -> bool:
    return ends_sentence(text) or text.rstrip(_CLOSERS)[-1:] in _CLAUSE_END


def timings(spans: Sequence[tuple[int, int]], limits: Limits) -> list[tuple[int, int]]:
    """Millisecond (start, end) per cue: no overlaps, none longer than the maximum, stretched
    to the minimum duration when the next cue leaves room."""
    max_ms = round(limits.max_cue_seconds * 1000)
    min_ms = round(limits.min_cue_seconds * 1000)
    timed = []
    previous_end = 0
    for index, (raw_start, raw_end) in enumerate(spans):
        start = max(raw_start, previous_end)
        end = min(max(raw_end, start), start + max_ms)
        next_start = spans[index + 1][0] if index + 1 < len(spans) else None
        if next_start is not None and end > next_start:
            end = max(start, next_start)
        room = start + min_ms if next_start is None else min(start + min_ms, max(next_start, end))
        end = max(end, room)
        timed.append((start, end))
        previous_end = end
    return timed


def interpolated_words(segment: Segment) -> list[Word]:
    texts = segment.text.split()
    total = sum(len(text) + 1 for text in texts)
    words = []
    elapsed = 0
    for text in texts:
        start = segment.start + (segment.end - segment.start) * elapsed / total
        elapsed += len(text) + 1
        end = segment.start + (segment.end - segment.start) * elapsed / total
        words.append(Word(text=text, start=start, end=max(start, end)))
    return words
