"""Build the sdist and wheel once per session, the way a release would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` output: the sdist, and the wheel built from that sdist.

    Built once per run: pytest-xdist workers share the base temp directory's parent, and the
    first worker to take the lock builds while the others wait for its result. Without xdist
    that parent is shared by every pytest run of the user (any checkout, any day), so the
    run's own base temp directory is used: never a wheel of another run."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "dist"
    with FileLock(str(shared / "dist.lock")):
        if not (out / "built").exists():
            out.mkdir(exist_ok=True)
            result = subprocess.run(
                [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            assert result.returncode == 0, result.stdout + result.stderr
            (out / "built").touch()
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("cfasr-*.whl")
    return found


@pytest.fixture(scope="session")
def sdist(dist: Path) -> Path:
    (found,) = dist.glob("cfasr-*.tar.gz")
    return found


def make_venv(where: Path, requirement: str) -> Path:
    """A fresh virtual environment with `requirement` installed; returns its bin directory."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=300)
    bin_dir = where / "bin"
    result = subprocess.run(
        # --no-compile: byte-compiling every installed module is a third of pip's CPU time
        # and proves nothing about the package; what runs is compiled when imported.
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-compile", requirement],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return bin_dir
