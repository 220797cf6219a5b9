"""Read what the project pins: pyproject's extras and the hash files in requirements/.

Shared by the demo-install and weight-pin tests, so both read the files the same way.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.conftest import ROOT

HASH_FILES = sorted((ROOT / "requirements").glob("engine*.txt"))
"""One per CPython minor version the Makefile installs hash-checked (engine.txt is 3.11)."""

DEV_TOOLS = (
    "mkdocs-material",
    "mkdocstrings",
    "ruff",
    "mypy",
    "matplotlib",
    "hypothesis",
    "schemathesis",
    "pytest",
    "openapi-python-client",
    "cloudflare",
    "import-linter",
)
"""Docs, lint, fuzzing, test and benchmark tools: `.[dev]` has them, the demo needs none."""

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)\s*\\?$")
_EDITABLE_EXTRAS = re.compile(r"pip install .*-e '\.\[([a-z0-9,-]+)\]'")


def extra_requirements(extras: str, pyproject: Path = ROOT / "pyproject.toml") -> list[Requirement]:
    """Every requirement `pip install 'cfasr[extras]'` asks for, self-references followed."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    optional: dict[str, list[str]] = project["optional-dependencies"]
    found = [Requirement(line) for line in project["dependencies"]]
    todo = [e.strip() for e in extras.split(",")]
    done: set[str] = set()
    while todo:
        extra = todo.pop()
        if extra in done:
            continue
        done.add(extra)
        for line in optional[extra]:
            requirement = Requirement(line)
            if canonicalize_name(requirement.name) == "cfasr":
                todo.extend(requirement.extras)
            else:
                found.append(requirement)
    return found


def hash_pins(path: Path) -> dict[str, str]:
    """`name==version` of a --require-hashes file, each checked to carry a sha256."""
    lines = path.read_text(encoding="utf-8").splitlines()
    pins: dict[str, str] = {}
    for number, line in enumerate(lines):
        match = _PIN.match(line)
        if match is None:
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        assert following.strip().startswith("--hash=sha256:"), f"{path.name}: {line} has no hash"
        pins[canonicalize_name(match[1])] = match[2]
    return pins


def make_recipe(target: str, tmp_path: Path) -> list[str]:
    """The commands `make target` would run on a fresh clone (`make -n -B`), venvs in tmp_path.

    `-n` runs nothing; `-B` prints every recipe as if no venv existed yet."""
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "-B",
            "-C",
            str(ROOT),
            target,
            f"VENV={tmp_path / 'venv'}",
            f"DEMO_VENV={tmp_path / 'venv-demo'}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # One command a line: a recipe line continued with a backslash is printed continued.
    return result.stdout.replace("\\\n", " ").splitlines()


def installed_extras(recipe: list[str]) -> list[str]:
    """The extras of each `pip install -e '.[...]'` line of a recipe, in order."""
    return [m[1] for line in recipe if (m := _EDITABLE_EXTRAS.search(line))]
