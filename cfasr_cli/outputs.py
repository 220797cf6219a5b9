"""Where each transcript goes, how it is rendered, and writing it so it is never half there.

A transcript file is written to a temporary file in the same directory and renamed over the
target, so an interrupted run leaves either the previous file or the complete new one; that
is what lets `--resume` trust an existing output that parses as its format and ends with
the newline `render` always writes.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
from pathlib import Path

from cfasr_cli.catalog import CliError
from cfasr_cli.inputs import InputFile
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


_ALIASES = {"text": "txt"}
"""Names people type for a format (`-f text`, as OpenAI's `response_format` spells it)."""


def parse_format(value: str) -> OutputFormat:
    """`CliError` naming the choices for anything but txt (or text), json, srt or vtt."""
    name = value.lower()
    try:
        return OutputFormat(_ALIASES.get(name, name))
    except ValueError:
        choices = ", ".join(f.value for f in OutputFormat)
        raise CliError(f"--format {value!r} is not one of {choices}.") from None


def render(transcript: Transcript, output_format: OutputFormat) -> str:
    """The transcript as text in `output_format`, always ending with a newline.

    `is_complete` relies on that newline: a file cut off by anything but our atomic writer
    (a copy, an older version) almost always stops somewhere else. A multichannel transcript
    keeps its channels apart in every format: `channel` keys in JSON, `[channel N]` labels
    on subtitle cues and on the text lines, one per segment."""
    if output_format is OutputFormat.JSON:
        text = transcript.to_json()
    elif output_format is OutputFormat.SRT:
        text = transcript.to_srt()
    elif output_format is OutputFormat.VTT:
        text = transcript.to_vtt()
    elif transcript.channels:
        text = _labelled_lines(transcript)
    else:
        text = transcript.text.strip()
    return text if text.endswith("\n") else text + "\n"


def _labelled_lines(transcript: Transcript) -> str:
    """A multichannel transcript as text: one line per segment, in time order, labelled with
    its channel like the subtitles (`[channel 1] Hello, I need help.`)."""
    return "\n".join(
        f"[channel {segment.channel}] {segment.text}"
        for segment in transcript.segments
        if segment.text.strip()
    )


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
    """True when `path` reads back as a whole `output_format` file.

    Whole means: ends with the newline `render` always writes, and for subtitles at least one
    cue, each with text (a cue cut off after its timing line has none). So a recording with no
    speech, whose subtitles have no cues, is transcribed again by every `--resume`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not text.endswith("\n"):
        return False
    try:
        if output_format is OutputFormat.JSON:
            Transcript.from_json(text)
        elif output_format in (OutputFormat.SRT, OutputFormat.VTT):
            parse = parse_srt if output_format is OutputFormat.SRT else parse_vtt
            cues = parse(text)
            return bool(cues) and all(any(line for line in cue.lines) for cue in cues)
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
