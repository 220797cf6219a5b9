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
    """Files done, audio minutes done, speed (× real time) and ETA, by bytes of input."""

    def __init__(self, console: Console, *, files: int, total_bytes: int, enabled: bool) -> None:
        self._files = files
        self._done = 0
        self._audio = 0.0
        self._started = time.monotonic()
        self._progress = Progress(
            TextColumn("[bold]transcribing"),
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
            "transcribing", total=max(total_bytes, 1), **self._fields()
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
