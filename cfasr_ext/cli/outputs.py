"""Where each transcript goes, how it is rendered, and writing it so it is never half there.

A transcript file is written to a temporary file in the same directory and renamed over the
target, so an interrupted run leaves either the previous file or the complete new one; that
is what lets `--resume` trust an existing output once it parses as its format.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
from pathlib import Path

from cfasr_ext.cli.catalog import CliError
from cfasr_ext.cli.inputs import InputFile
from cfasr_ext.subtitles import parse_srt, parse_vtt
from cfasr_ext.transcript import Transcript

__all__ = ["OutputFormat", "is_complete", "plan_outputs", "render", "write_atomic"]

# Read once, at import (before any worker thread): os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


class OutputFormat(enum.StrEnum):
    TXT = "txt"
    JSON = "json"
    SRT = "srt"
    VTT = "vtt"


def parse_format(value: str) -> OutputFormat:
    """`CliError` naming the choices for anything but txt, json, srt or vtt."""
    try:
        return OutputFormat(value.lower())
    except ValueError:
        choices = ", ".join(f.value for f in OutputFormat)
        raise CliError(f"--format {value!r} is not one of {choices}.") from None


def render(transcript: Transcript, output_format: OutputFormat) -> str:
    """The transcript as text in `output_format`, ending with a newline."""
    if output_format is OutputFormat.JSON:
        return transcript.to_json() + "\n"
    if output_format is OutputFormat.SRT:
        return transcript.to_srt()
    if output_format is OutputFormat.VTT:
        return transcript.to_vtt()
    return transcript.text.strip() + "\n"


def plan_outputs(
    inputs: list[InputFile], out_dir: Path | None, output_format: OutputFormat
) -> list[Path | None]:
    """One output path per input (None = standard output when there is no `out_dir`).

    Raises `CliError` when `out_dir` is a file or two inputs would write the same output."""
    if out_dir is None:
        return [None for _ in inputs]
    if out_dir.exists() and not out_dir.is_dir():
        raise CliError(f"--out {out_dir} is a file; pass a directory (it is created if missing).")
    planned: dict[Path, InputFile] = {}
    for item in inputs:
        target = out_dir / f"{item.name}.{output_format.value}"
        if target in planned:
            raise CliError(
                f"{planned[target].label} and {item.label} would both write {target}; "
                "rename one or transcribe them in separate runs with different --out."
            )
        planned[target] = item
    return list(planned)


def is_complete(path: Path, output_format: OutputFormat) -> bool:
    """True when `path` exists and reads back as a whole `output_format` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        if output_format is OutputFormat.JSON:
            Transcript.from_json(text)
        elif output_format is OutputFormat.SRT:
            parse_srt(text)
        elif output_format is OutputFormat.VTT:
            parse_vtt(text)
        else:
            return text.endswith("\n")
    except ValueError:
        return False
    return True


def write_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` via a temporary file and a rename; creates parents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename below
        "w",
        encoding="utf-8",
        dir=path.parent,
        prefix=f".{path.name}.",
        suffix=".part",
        delete=False,
    )
    try:
        with handle:
            # Temporary files are private (0600); the transcript gets the usual 0666 & ~umask.
            os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
