"""What the spec-edit drills share: a copy of the project with an edited openapi.yaml, and
the regeneration run on it exactly as `make regen` runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cfasr_contract", "cfasr_ext", "cfasr_emulator", "cfasr_openai", "cfasr_cli")
"""The hand-written packages (the generator writes into cfasr_ext too)."""


def copy_project(tree: Path, spec: str, *, packages: tuple[str, ...] = PACKAGES) -> None:
    """``tree`` gets the generator's configuration, ``packages``, pyproject.toml and ``spec``
    as its openapi.yaml (and an empty docs/reference for the generated pages)."""
    (tree / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "openapi-python-client.yaml", tree / "scripts")
    shutil.copy(ROOT / "pyproject.toml", tree)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for package in packages:
        shutil.copytree(ROOT / package, tree / package, ignore=ignore)
    (tree / "openapi.yaml").write_text(spec)
    (tree / "docs" / "reference").mkdir(parents=True)


def regenerate(tree: Path) -> None:
    """Run scripts/regenerate on ``tree``; fail the test with its output if it fails."""
    regen = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regenerate"), "--root", str(tree)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert regen.returncode == 0, regen.stdout + regen.stderr
