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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from cfasr_ext._cue_layout import Limits, group, interpolated_words, timings, token_of, wrap
from cfasr_ext._errors import CfasrError
from cfasr_ext._timed_words import Segment, Word

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
    limits = Limits(max_line_chars, max_lines, max_cue_seconds, min_cue_seconds, pause_seconds)
    tokens = [token_of(word) for word in words if word.text.strip()]
    groups = group(tokens, limits)
    spans = timings(
        [(tokens[first].start, max(t.end for t in tokens[first:last])) for first, last in groups],
        limits,
    )
    return [
        Cue(
            start=start / 1000,
            end=end / 1000,
            lines=wrap([t.text for t in tokens[first:last]], limits),
        )
        for (first, last), (start, end) in zip(groups, spans, strict=True)
    ]


def cues_from_segments(segments: Iterable[Segment], **limits: Any) -> list[Cue]:
    """Cues from segments; a segment without words has its time shared among its words in
    proportion to their length (the best guess without word timings)."""
    words: list[Word] = []
    for segment in segments:
        words.extend(segment.words or interpolated_words(segment))
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
