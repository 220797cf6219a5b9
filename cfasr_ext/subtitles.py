"""SRT and WebVTT subtitles from timed words, for every model (nova-3 and flux give no VTT).

Cues follow common broadcast rules, each a keyword argument with a default: at most
`max_line_chars` characters per line and `max_lines` lines per cue, at most `max_cue_seconds`
on screen, at least `min_cue_seconds` when the next cue leaves room, never two cues at once.
Cues break preferably at sentence ends, then clause punctuation, then pauses; a pause longer
than `pause_seconds`, or a change of speaker, always ends a cue. A single word longer than a
line keeps a line of its own.
Times are handled in whole milliseconds, so written times never put an end before its start.

A multichannel transcript (one speaker per audio channel, as in a stereo call recording) is
laid out channel by channel, each cue labelled `[channel N] ` at the start of its first line
(the label is not counted in `max_line_chars`). The rules above hold within a channel; cues
of two channels overlap where two people talk at once, which players show together.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from cfasr_ext._errors import CfasrError, OptionError
from cfasr_ext.transcript import Segment, Word, ends_sentence

if TYPE_CHECKING:
    from cfasr_ext.transcript import Transcript

__all__ = [
    "Cue",
    "SubtitleError",
    "SubtitleFormatError",
    "cues_for_transcript",
    "cues_from_segments",
    "cues_from_words",
    "format_srt_time",
    "format_vtt_time",
    "parse_srt",
    "parse_vtt",
    "write_srt",
    "write_vtt",
]

_CLAUSE_END = frozenset(",;:–—")
_CLOSERS = "\"')]}”’»"
# A cue ending at a punctuation mark is only chosen when it holds at least this share of the
# text that would fit, so a short "Yes." does not become a cue of its own.
_MIN_FILL_FOR_PREFERRED_BREAK = 0.4
_LINE_BREAK_PUNCTUATION_BONUS = 8


class SubtitleError(CfasrError, ValueError):
    """Subtitles cannot be made: the transcript has text but no times."""


class SubtitleFormatError(CfasrError, ValueError):
    """Text that is not valid SRT or WebVTT; the message names the offending block."""


def _str_tuple(lines: Iterable[str]) -> tuple[str, ...]:
    return tuple(lines)


@attrs.frozen
class Cue:
    """One subtitle: shown from `start` to `end` (seconds), one string per line; `channel`
    is the audio channel it was heard on in a multichannel transcript (written as a
    `[channel N] ` label), else `None`."""

    start: float
    end: float
    lines: tuple[str, ...] = attrs.field(converter=_str_tuple)
    channel: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@attrs.frozen
class _Limits:
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
class _Token:
    text: str
    start: int  # milliseconds
    end: int
    speaker: int | None


def cues_from_words(
    words: Iterable[Word],
    *,
    max_line_chars: int = 42,
    max_lines: int = 2,
    max_cue_seconds: float = 7.0,
    min_cue_seconds: float = 0.5,
    pause_seconds: float = 1.0,
) -> list[Cue]:
    """Lay timed words out as cues; every word appears once, in order. Raises `OptionError`
    for limits out of range."""
    limits = _Limits(max_line_chars, max_lines, max_cue_seconds, min_cue_seconds, pause_seconds)
    tokens = [_token(word) for word in words if word.text.strip()]
    groups = _group(tokens, limits)
    spans = _timings(
        [(tokens[first].start, max(t.end for t in tokens[first:last])) for first, last in groups],
        limits,
    )
    return [
        Cue(
            start=start / 1000,
            end=end / 1000,
            lines=_wrap([t.text for t in tokens[first:last]], limits),
        )
        for (first, last), (start, end) in zip(groups, spans, strict=True)
    ]


def cues_from_segments(segments: Iterable[Segment], **limits: Any) -> list[Cue]:
    """Cues from segments; a segment without words has its time shared among its words in
    proportion to their length (the best guess without word timings)."""
    words: list[Word] = []
    for segment in segments:
        words.extend(segment.words or _interpolated_words(segment))
    return cues_from_words(words, **limits)


def cues_for_transcript(transcript: Transcript, **limits: Any) -> list[Cue]:
    """Cues from a transcript's words, else its segments, else its text over its duration;
    a multichannel transcript's channel by channel, labelled, in time order. Raises
    `SubtitleError` when it has text but no times at all."""
    if transcript.channels:
        cues = [
            attrs.evolve(cue, channel=channel)
            for channel in transcript.channels
            for cue in _cues_of(transcript.for_channel(channel), limits)
        ]
        return sorted(cues, key=lambda cue: (cue.start, cue.channel))
    return _cues_of(transcript, limits)


def _cues_of(transcript: Transcript, limits: dict[str, Any]) -> list[Cue]:
    if transcript.words:
        return cues_from_words(transcript.words, **limits)
    if transcript.segments:
        return cues_from_segments(transcript.segments, **limits)
    if not transcript.text.strip():
        return []
    if transcript.duration is None:
        raise SubtitleError(
            f"the {transcript.model} transcript has no word, segment or duration times, so it "
            "cannot be timed as subtitles; ask the model for word timestamps"
        )
    whole = Segment(text=transcript.text, start=0.0, end=transcript.duration)
    return cues_from_segments([whole], **limits)


def format_srt_time(seconds: float) -> str:
    """`HH:MM:SS,mmm`, rounded to the millisecond; hours grow past 99 if needed."""
    return _format_time(seconds, ",")


def format_vtt_time(seconds: float) -> str:
    """`HH:MM:SS.mmm`, rounded to the millisecond; hours grow past 99 if needed."""
    return _format_time(seconds, ".")


def write_srt(cues: Iterable[Cue]) -> str:
    """SubRip text: numbered blocks separated by blank lines. Cues without text are skipped."""
    blocks: list[str] = []
    for cue in cues:
        lines = _labelled(_clean_lines(cue.lines), cue.channel)
        if lines:
            timing = f"{format_srt_time(cue.start)} --> {format_srt_time(cue.end)}"
            blocks.append("\n".join([str(len(blocks) + 1), timing, *lines]))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def write_vtt(cues: Iterable[Cue]) -> str:
    """WebVTT text; `&`, `<` and `>` in the text are escaped as the format requires."""
    blocks = ["WEBVTT"]
    for cue in cues:
        lines = _labelled(_clean_lines(cue.lines), cue.channel)
        if lines:
            timing = f"{format_vtt_time(cue.start)} --> {format_vtt_time(cue.end)}"
            escaped = [html.escape(line, quote=False) for line in lines]
            blocks.append("\n".join([timing, *escaped]))
    return "\n\n".join(blocks) + "\n"


_SRT_TIME = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})\s*$")
_VTT_TIME = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})\.(\d{3})\s*$")
_TAG = re.compile(r"<[^>]*>")


def parse_srt(text: str) -> list[Cue]:
    """Cues of SubRip text (index lines optional, `,` or `.` before milliseconds).
    Raises `SubtitleFormatError` naming the first malformed block."""
    cues = []
    for number, block in enumerate(_blocks(text), start=1):
        lines = block.split("\n")
        timing_at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing_at is None:
            raise SubtitleFormatError(f"SRT block {number} has no 'start --> end' line: {block!r}")
        start, end = _parse_timing(lines[timing_at], _SRT_TIME, number)
        cues.append(_unlabelled(start, end, [line.strip() for line in lines[timing_at + 1 :]]))
    return cues


def parse_vtt(text: str) -> list[Cue]:
    """Cues of WebVTT text; NOTE/STYLE/REGION blocks, cue ids, settings and tags are dropped and
    entities unescaped. Raises `SubtitleFormatError` when the header or a timing is malformed."""
    blocks = _blocks(text)
    if not blocks or not re.match(r"WEBVTT(?:[ \t]|$)", blocks[0]):
        raise SubtitleFormatError("WebVTT text must start with a 'WEBVTT' line")
    cues = []
    for number, block in enumerate(blocks[1:], start=1):
        if re.match(r"(NOTE|STYLE|REGION)(?:\s|$)", block):
            continue
        lines = block.split("\n")
        timing_at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing_at is None:
            raise SubtitleFormatError(
                f"WebVTT block {number} has no 'start --> end' line: {block!r}"
            )
        start, end = _parse_timing(_strip_settings(lines[timing_at]), _VTT_TIME, number)
        text_lines = [html.unescape(_TAG.sub("", line)).strip() for line in lines[timing_at + 1 :]]
        cues.append(_unlabelled(start, end, text_lines))
    return cues


_LABEL = re.compile(r"^\[channel (\d+)\] ")


def _labelled(lines: list[str], channel: int | None) -> list[str]:
    """The cue's lines with its `[channel N] ` label on the first, when it has a channel."""
    if channel is None or not lines:
        return lines
    return [f"[channel {channel}] {lines[0]}", *lines[1:]]


def _unlabelled(start: float, end: float, lines: list[str]) -> Cue:
    """A parsed cue, its channel read back from a `[channel N] ` label on the first line."""
    match = _LABEL.match(lines[0]) if lines else None
    if match is None:
        return Cue(start, end, tuple(lines))
    return Cue(start, end, (lines[0][match.end() :], *lines[1:]), channel=int(match.group(1)))


def _token(word: Word) -> _Token:
    start = max(0, round(word.start * 1000))
    end = max(start, round(word.end * 1000))
    return _Token(" ".join(word.text.split()), start, end, word.speaker)


def _group(tokens: Sequence[_Token], limits: _Limits) -> list[tuple[int, int]]:
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


def _furthest_fit(tokens: Sequence[_Token], first: int, limits: _Limits) -> tuple[int, bool]:
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


def _preferred_break(tokens: Sequence[_Token], first: int, last: int) -> int:
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


def _break_strength(token: _Token, following: _Token) -> int:
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


def _line_count(texts: Sequence[str], limits: _Limits) -> int:
    """Fewest lines the texts need (greedy filling is optimal for this)."""
    lines, width = 1, -1
    for text in texts:
        if width >= 0 and width + 1 + len(text) > limits.max_line_chars:
            lines, width = lines + 1, len(text)
        else:
            width = len(text) if width < 0 else width + 1 + len(text)
    return lines


def _wrap(texts: Sequence[str], limits: _Limits) -> tuple[str, ...]:
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


def _timings(spans: Sequence[tuple[int, int]], limits: _Limits) -> list[tuple[int, int]]:
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


def _interpolated_words(segment: Segment) -> list[Word]:
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


def _format_time(seconds: float, separator: str) -> str:
    milliseconds = max(0, round(seconds * 1000))
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{millis:03d}"


def _clean_lines(lines: Iterable[str]) -> list[str]:
    """Lines with whitespace runs (including newlines) collapsed; empty lines dropped, since a
    blank line would end the cue."""
    return [cleaned for line in lines if (cleaned := " ".join(line.split()))]


def _blocks(text: str) -> list[str]:
    normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", normalised) if block.strip()]


def _strip_settings(line: str) -> str:
    """`00:01.000 --> 00:02.000 align:start` without the settings after the end time."""
    start, _, rest = line.partition("-->")
    return f"{start}-->{rest.split()[0] if rest.split() else ''}"


def _parse_timing(line: str, pattern: re.Pattern[str], number: int) -> tuple[float, float]:
    start_text, _, end_text = line.partition("-->")
    times = []
    for part in (start_text, end_text):
        match = pattern.match(part)
        if match is None:
            raise SubtitleFormatError(f"block {number}: {part.strip()!r} is not a timestamp")
        hours, minutes, seconds, millis = (int(group or 0) for group in match.groups())
        millis = int(match.group(4).ljust(3, "0"))
        times.append((((hours * 60 + minutes) * 60 + seconds) * 1000 + millis) / 1000)
    start, end = times
    if end < start:
        raise SubtitleFormatError(f"block {number}: end {end_text.strip()} is before start")
    return start, end
