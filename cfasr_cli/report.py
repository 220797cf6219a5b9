"""The batch progress bar and the closing summary, both on standard error.

Standard output carries transcripts only (so `--format json | jq` works); everything meant
for the person watching goes to stderr, and `--quiet` silences it.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import attrs
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from cfasr_cli.inputs import InputFile
from cfasr_ext import Progress as SdkProgress
from cfasr_ext import ProgressCallback

__all__ = ["BatchProgress", "FileOutcome", "format_duration", "print_summary"]

Status = Literal["done", "skipped", "failed"]


@attrs.frozen
class FileOutcome:
    """What happened to one input."""

    item: InputFile
    status: Status
    audio_seconds: float | None = None
    output: Path | None = None
    reason: str | None = None


def format_duration(seconds: float | None) -> str:
    """`H:MM:SS` or `M:SS`; a dash when unknown."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class BatchProgress:
    """Files done, audio minutes done, speed (× real time) and ETA, by bytes of input; and a
    row per chunked file (pieces, audio minutes, ETA by audio), as rich shows downloads.

    On a terminal the rows are redrawn in place. Elsewhere (a log, a CI job, a pipe) rich draws
    only the final state, so each move of a chunked file is also printed as one line: a
    five-minute file would otherwise be silent for minutes."""

    def __init__(self, console: Console, *, files: int, total_bytes: int, enabled: bool) -> None:
        self._console = console
        self._enabled = enabled
        self._files = files
        self._done = 0
        self._audio = 0.0
        self._started = time.monotonic()
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[files]}"),
            TextColumn("{task.fields[audio]}"),
            TextColumn("{task.fields[speed]}"),
            TimeRemainingColumn(),
            console=console,
            disable=not enabled,
            transient=False,
        )
        self._task: TaskID = self._progress.add_task(
            "[bold]transcribing", total=max(total_bytes, 1), **self._fields()
        )

    def _fields(self) -> dict[str, Any]:
        elapsed = max(time.monotonic() - self._started, 1e-6)
        speed = f"{self._audio / elapsed:.1f}x real time" if self._audio else ""
        return {
            "files": f"{self._done}/{self._files} files",
            "audio": f"{self._audio / 60:.1f} audio min",
            "speed": speed,
        }

    def advance(self, size_bytes: int, audio_seconds: float | None) -> None:
        """One file finished (or skipped, or failed): move the bar by its size."""
        self._done += 1
        self._audio += audio_seconds or 0.0
        self._progress.update(self._task, advance=size_bytes, **self._fields())

    def file_reporter(self, label: str) -> ProgressCallback:
        """The `on_progress` of one file: its own row once it is cut into pieces."""
        return _FileRow(self._progress, label, self._console, lines=self._enabled).report

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()


def _file_fields(state: SdkProgress) -> dict[str, Any]:
    total = state.audio_seconds_total
    audio = f"{state.audio_seconds_done / 60:.1f}"
    retries = f"{state.retries} {'retry' if state.retries == 1 else 'retries'}"
    return {
        "files": f"{state.pieces_done}/{state.pieces_total} pieces",
        "audio": f"{audio}/{total / 60:.1f} audio min" if total else f"{audio} audio min",
        "speed": retries if state.retries else "",
    }


class _FileRow:
    """One chunked file's row, added when its plan is known (a file sent whole has none)."""

    def __init__(self, progress: Progress, label: str, console: Console, *, lines: bool) -> None:
        self._progress = progress
        self._label = label
        self._console = console
        self._lines = lines and not console.is_terminal
        self._task: TaskID | None = None
        self._started = time.monotonic()

    def report(self, state: SdkProgress) -> None:
        if state.pieces_total < 2:
            return
        total = state.audio_seconds_total or float(state.pieces_total)
        done = state.audio_seconds_done if state.audio_seconds_total else state.pieces_done
        fields = _file_fields(state)
        if self._task is None:
            self._started = time.monotonic()
            self._task = self._progress.add_task(f"  {self._label}", total=total, **fields)
        self._progress.update(self._task, completed=done, **fields)
        if self._lines:
            eta = self._eta(state)
            text = ", ".join(v for v in (*fields.values(), eta) if v)
            self._console.print(Text(f"{self._label}: {text}"))

    def _eta(self, state: SdkProgress) -> str:
        """`ETA M:SS` from the pace so far; empty before the first piece and once done."""
        if not state.pieces_done or state.pieces_done >= state.pieces_total:
            return ""
        elapsed = time.monotonic() - self._started
        fraction = state.fraction
        return f"ETA {format_duration(elapsed * (1 - fraction) / fraction)}" if fraction else ""


def _result_text(outcome: FileOutcome) -> Text:
    # Text, not markup: file names and API messages may contain "[...]".
    if outcome.status == "failed":
        return Text.assemble(("failed", "red"), f": {outcome.reason}")
    where = str(outcome.output) if outcome.output is not None else "stdout"
    if outcome.status == "skipped":
        return Text(f"skipped, complete: {where}")
    return Text(where)


def print_summary(console: Console, outcomes: list[FileOutcome]) -> None:
    """A table of every input (audio length, output or failure reason) and a totals line."""
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("File", overflow="fold")
    table.add_column("Audio", justify="right")
    table.add_column("Result", overflow="fold")
    for outcome in outcomes:
        table.add_row(
            Text(outcome.item.label),
            format_duration(outcome.audio_seconds),
            _result_text(outcome),
        )
    console.print(table)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("done", "skipped", "failed")}
    audio = sum(o.audio_seconds or 0.0 for o in outcomes if o.status == "done")
    console.print(
        f"{len(outcomes)} files: {counts['done']} transcribed, {counts['skipped']} skipped, "
        f"{counts['failed']} failed; {format_duration(audio)} of audio transcribed."
    )
