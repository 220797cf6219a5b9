"""Every ```python block of the README and the guides passes `mypy --strict`, as a user's file.

A typed SDK whose own examples do not type-check loses the users who chose it for its types
(issue 31). Each block is written to its own module in a temporary folder and all of them are
checked in one mypy run from there, so no project setting applies: only `--strict` and the
installed packages, as in a user's project.

A block that is a fragment on purpose (it reads names the reader supplies) says so on the line
before its fence, with a reason: `<!-- typecheck: skip, <why> -->`. Such blocks stay rare:
`MAX_SKIPPED` bounds them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from tests.docs.conftest import ROOT

PAGES = (ROOT / "README.md", *sorted((ROOT / "docs" / "guides").glob("*.md")))
MAX_SKIPPED = 2
_SKIP = "<!-- typecheck: skip"
_BLOCK = re.compile(r"(?:^(?P<mark><!--[^\n]*-->)\n)?^```python\n(?P<code>.*?)^```", re.S | re.M)


@attrs.frozen
class Block:
    page: Path
    index: int
    line: int
    code: str
    skip_reason: str | None

    @property
    def module(self) -> str:
        stem = re.sub(r"\W", "_", self.page.stem.lower())
        return f"{stem}_{self.index}.py"


def python_blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    blocks: list[Block] = []
    for index, match in enumerate(_BLOCK.finditer(text)):
        mark = match.group("mark") or ""
        reason = None
        if mark.startswith(_SKIP):
            reason = mark.removeprefix(_SKIP).removesuffix("-->").strip(" ,")
        line = text.count("\n", 0, match.start("code")) + 1
        blocks.append(Block(page, index, line, match.group("code"), reason))
    return blocks


BLOCKS = [block for page in PAGES for block in python_blocks(page)]


def test_the_pages_have_python_blocks() -> None:
    assert {block.page.name for block in BLOCKS} >= {"README.md", "transcribe.md", "streaming.md"}
    assert len(BLOCKS) > 30


def test_a_fragment_says_why_and_fragments_stay_rare() -> None:
    skipped = [block for block in BLOCKS if block.skip_reason is not None]
    assert all(block.skip_reason for block in skipped), "a skipped block needs a reason"
    assert len(skipped) <= MAX_SKIPPED, [f"{b.page.name}:{b.line}" for b in skipped]


def test_a_skip_mark_is_read_only_right_before_a_fence(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- typecheck: skip, needs the reader's mic -->\n```python\nmic()\n```\n\n"
        "<!-- typecheck: skip, not before a fence -->\n\ntext\n\n```python\nx = 1\n```\n",
        encoding="utf-8",
    )
    first, second = python_blocks(page)
    assert (first.skip_reason, first.code, first.line) == ("needs the reader's mic", "mic()\n", 3)
    assert (second.skip_reason, second.code) == (None, "x = 1\n")


@pytest.mark.slow(cpu_s=30)  # one mypy run over every block and the SDK: 26 s without a cache
def test_every_python_block_passes_mypy_strict(tmp_path: Path) -> None:
    checked = [block for block in BLOCKS if block.skip_reason is None]
    folder = tmp_path / "examples"
    folder.mkdir()
    where = {}
    for block in checked:
        (folder / block.module).write_text(block.code, encoding="utf-8")
        where[block.module] = f"{block.page.relative_to(ROOT)}:{block.line}"
    cache = tmp_path / "mypy-cache"
    if (ROOT / ".mypy_cache").is_dir():  # the third-party stubs' cache saves most of a minute
        shutil.copytree(ROOT / ".mypy_cache", cache)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(cache),
            *sorted(where),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = result.stdout + result.stderr
    for module, place in where.items():  # name the page and line, not the scratch file
        report = report.replace(module, f"{place} (block {module})")
    assert result.returncode == 0, report
    assert f"no issues found in {len(where)} source files" in result.stdout, report
