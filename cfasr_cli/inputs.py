"""FILE, DIR, GLOB and `-` arguments → the ordered list of recordings to transcribe.

Shells expand globs before we see them, but a quoted glob (or a shell without globbing) does
not, so patterns are expanded here too. Directories are searched recursively for files with
an audio extension; a file named explicitly is always taken, whatever its extension, so the
API (not a guess here) decides whether it is audio.
"""

from __future__ import annotations

import glob
from pathlib import Path

import attrs

from cfasr_cli.catalog import CliError
from cfasr_ext import sniff_content_type

__all__ = ["STDIN", "InputFile", "expand_inputs", "is_audio_name"]

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@attrs.frozen
class InputFile:
    """One recording: `path` (None for standard input) and `name`, its output name stem.

    `name` is relative to the directory it was found in, so `talks/a/x.wav` and `talks/b/x.wav`
    given as `talks` get distinct outputs `a/x.*` and `b/x.*`."""

    path: Path | None
    name: str

    @property
    def is_stdin(self) -> bool:
        return self.path is None

    @property
    def label(self) -> str:
        """How messages and the summary name this input."""
        return "<stdin>" if self.path is None else str(self.path)


def is_audio_name(path: Path) -> bool:
    """True when the file extension is one of the audio containers the SDK recognises."""
    return sniff_content_type(b"", path.name) is not None


def _from_directory(directory: Path) -> list[InputFile]:
    found = sorted(p for p in directory.rglob("*") if p.is_file() and is_audio_name(p))
    if not found:
        raise CliError(
            f"{directory} contains no audio files (looked for .wav, .mp3, .flac, .ogg, .webm, "
            ".m4a, ... in it and its subdirectories); pass audio files or another directory."
        )
    return [InputFile(p, str(p.relative_to(directory).with_suffix(""))) for p in found]


def _from_glob(pattern: str) -> list[InputFile]:
    matches = sorted(Path(m) for m in glob.glob(pattern, recursive=True))
    files = [p for p in matches if p.is_file()]
    if not files:
        raise CliError(f"no files match {pattern!r}; check the pattern and the current directory.")
    return [InputFile(p, p.stem) for p in files]


def _one(argument: str) -> list[InputFile]:
    if argument == STDIN:
        return [InputFile(None, "stdin")]
    path = Path(argument).expanduser()
    if path.is_dir():
        return _from_directory(path)
    if path.is_file():
        return [InputFile(path, path.stem)]
    if _GLOB_CHARS & set(argument):
        return _from_glob(argument)
    if path.exists():
        raise CliError(f"{argument} is not a regular file; pass an audio file or a directory.")
    raise CliError(f"{argument}: no such file or directory; check the path.")


def expand_inputs(arguments: list[str]) -> list[InputFile]:
    """Every recording named by `arguments`, in order, each once; raises `CliError`."""
    if not arguments:
        raise CliError("no input: pass audio files, directories, globs, or - for stdin.")
    if arguments.count(STDIN) > 1:
        raise CliError("- (standard input) can be given only once.")
    seen: set[Path] = set()
    inputs: list[InputFile] = []
    for argument in arguments:
        for item in _one(argument):
            key = item.path.resolve() if item.path is not None else Path(STDIN)
            if key not in seen:
                seen.add(key)
                inputs.append(item)
    return inputs
