"""No option of openapi.yaml is named by a string literal in hand-written code.

Consumers read options as typed attributes of the generated parameter classes
(``params.multichannel``) or, where a name itself is needed, as ``attrs.fields(...)``'s
attribute (``attrs.fields(RunNova3Params).multichannel.name``), so renaming an option in the
spec fails mypy on every reader instead of leaving one quietly unread. This test reads the
hand-written packages and fails on a string equal to an option's name, except the few listed
below, each of which means something else that happens to share the word.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from cfasr_client.contract import OPERATIONS

ROOT = Path(__file__).resolve().parents[2]
HAND_WRITTEN = ("cfasr_contract", "cfasr_ext", "cfasr_emulator", "cfasr_openai", "cfasr_cli")
OPTION_NAMES = frozenset(param.name for op in OPERATIONS.values() for param in op.params)

NOT_OPTIONS: dict[tuple[str, str], str] = {
    ("cfasr_ext/transcript.py", "language"): "a member of Transcript's JSON and of results",
    ("cfasr_emulator/engine/whisper.py", "language"): "faster-whisper's keyword argument",
    ("cfasr_emulator/engine/whisper.py", "initial_prompt"): "faster-whisper's keyword argument",
    ("cfasr_emulator/engine/whisper.py", "prefix"): "faster-whisper's keyword argument",
    ("cfasr_openai/responses.py", "task"): "a member of OpenAI's verbose_json response",
    ("cfasr_openai/responses.py", "language"): "a member of OpenAI's verbose_json response",
    ("cfasr_openai/form.py", "language"): "OpenAI's form field",
    ("cfasr_openai/options.py", "language"): "OpenAI's form field (mapped to turbo's option)",
    ("cfasr_ext/_errors.py", "replace"): "str.decode's errors='replace'",
    ("cfasr_emulator/engine/deadline.py", "detect_language"): "an engine step's name",
    ("cfasr_emulator/ws/multichannel.py", "channels"): "a member of Deepgram's Metadata",
    ("cfasr_openai/realtime/session_config.py", "language"): (
        "a member of OpenAI's input_audio_transcription (mapped to nova-3's option)"
    ),
}
"""(file, literal) → what the word means there."""


def option_name_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each string constant equal to an option name (docstrings aside)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    exported = {  # `__all__` names our own functions, which may share an option's word
        id(element)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        and isinstance(node.value, ast.List | ast.Tuple)
        for element in node.value.elts
    }
    for node in ast.walk(tree):
        if id(node) in exported:
            continue
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in OPTION_NAMES
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def test_the_detector_finds_a_planted_option_name() -> None:
    planted = 'def f(values):\n    return values.get("multichannel")\n'
    assert list(option_name_literals(planted)) == [(2, "multichannel")]
    reading_a_field = "def f(params):\n    return params.multichannel\n"
    assert list(option_name_literals(reading_a_field)) == []


def test_no_hand_written_module_names_an_option_by_a_literal() -> None:
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    for package in HAND_WRITTEN:
        for path in sorted((ROOT / package).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            for line, text in option_name_literals(path.read_text(encoding="utf-8")):
                if (where, text) in NOT_OPTIONS:
                    seen.add((where, text))
                else:
                    found.append(f"{where}:{line}: {text!r}")
    assert not found, "read these from the generated parameter classes:\n" + "\n".join(found)
    stale = sorted(set(NOT_OPTIONS) - seen)
    assert not stale, f"listed in NOT_OPTIONS but no longer in the code: {stale}"


OPTION_PARSERS = (
    "cfasr_emulator/rest/inputs.py",
    "cfasr_emulator/rest/nova3_input.py",
    "cfasr_emulator/rest/turbo_input.py",
    "cfasr_emulator/nova3_view.py",
    "cfasr_emulator/option_words.py",
    "cfasr_emulator/ws/options.py",
    "cfasr_ext/streaming/_stream_options.py",
)


def test_the_option_parsers_need_no_type_ignore() -> None:
    ignored = [
        f"{name}:{number}"
        for name in OPTION_PARSERS
        for number, line in enumerate((ROOT / name).read_text().splitlines(), 1)
        if "type: ignore" in line
    ]
    assert not ignored, ignored
