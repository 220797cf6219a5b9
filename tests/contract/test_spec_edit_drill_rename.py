"""The maintainer's drill, part two: rename an option in openapi.yaml and add another, run
the regeneration, and let mypy say where the code must follow.

Every reader of an option reads it as a typed attribute of a generated parameter class, so
after ``make regen`` a renamed option is a type error in each module that reads it by its
old name (not a key that quietly stops matching), and an added option is a typed keyword of
the SDK's signatures and an attribute of the parameter class without any other edit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .drill_support import PACKAGES, copy_project, regenerate

ROOT = Path(__file__).resolve().parents[2]

READERS_OF_MULTICHANNEL = {
    "cfasr_ext/_long_audio.py",
    "cfasr_cli/app.py",
    "cfasr_cli/live.py",
    "cfasr_emulator/rest/nova3_input.py",
    "cfasr_emulator/nova3_view.py",
    "cfasr_emulator/ws/options.py",
}
"""Every hand-written module that reads nova-3's ``multichannel`` option."""

NEW_OPTION = """    DrillOption:
      name: drill_option
      in: query
      description: A boolean option added by the drill.
      schema: {type: boolean}
"""

USER_CODE = """
from cfasr_client.contract.params import RunNova3Params, StreamNova3Params
import cfasr_ext


def transcribe(client: cfasr_ext.Client) -> None:
    client.nova_3.transcribe("call.wav", drill_option=True, multi_channel=True)


def read(pairs: list[tuple[str, str]]) -> bool | None:
    params = RunNova3Params.from_query(pairs)
    stream = StreamNova3Params.from_query(pairs)
    return params.drill_option or params.multi_channel or stream.multi_channel
"""
"""A user of the renamed and the added option: it must type-check after regeneration."""


def edited_spec(text: str) -> str:
    renamed = text.replace("      name: multichannel\n", "      name: multi_channel\n")
    assert renamed.count("name: multi_channel") == 1, "the drill's anchor moved"
    anchor = "    Nova3Multichannel:\n"
    added = renamed.replace(anchor, NEW_OPTION + anchor)
    uses = "        - $ref: '#/components/parameters/Nova3Multichannel'\n"
    assert added.count(uses) >= 2, "nova-3's operations no longer list Nova3Multichannel"
    return added.replace(uses, uses + "        - $ref: '#/components/parameters/DrillOption'\n")


def test_the_drill_edit_changes_the_spec_where_it_should() -> None:
    edited = edited_spec((ROOT / "openapi.yaml").read_text())
    assert "name: multichannel\n" not in edited
    assert edited.count("#/components/parameters/DrillOption") >= 2


@pytest.mark.slow(cpu_s=8)
def test_a_rename_fails_mypy_in_every_reader_and_an_addition_types_at_once(
    tmp_path: Path,
) -> None:
    tree = tmp_path / "project"
    copy_project(tree, edited_spec((ROOT / "openapi.yaml").read_text()))
    regenerate(tree)
    (tree / "user_code.py").write_text(USER_CODE)
    cache = tmp_path / "mypy-cache"
    if (ROOT / ".mypy_cache").is_dir():  # the third-party stubs' cache saves most of a minute
        shutil.copytree(ROOT / ".mypy_cache", cache)
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--cache-dir",
            str(cache),
            *PACKAGES,
            "user_code.py",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tree,
        env={**os.environ, "MYPYPATH": str(tree / "generated")},
    )
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert checked.returncode == 1, checked.stdout + checked.stderr
    flagged = {line.split(":", 1)[0] for line in errors if re.search(r"\bmultichannel\b", line)}
    assert flagged == READERS_OF_MULTICHANNEL, "\n".join(errors)
    assert not [line for line in errors if line.startswith("user_code.py")], "\n".join(errors)
    unrelated = [line for line in errors if not re.search(r"\bmultichannel\b", line)]
    assert not unrelated, "\n".join(unrelated)
