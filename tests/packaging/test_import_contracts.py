"""The package stack's import contracts hold, and each one breaks on a planted import.

`make lint` runs `lint-imports` on the checkout; this test copies the packages to a scratch
folder, plants one import that a contract forbids, and checks that `lint-imports` fails that
contract by name (and only because of the plant: the unplanted copy passes).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACT_NAMES = {contract["id"]: contract["name"] for contract in CONFIG["contracts"]}
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

PLANTS = [
    ("stack", "cfasr_ext/transcript.py", "import cfasr_openai.errors"),
    ("generated-stands-alone", "cfasr_client/types.py", "import httpx"),
    ("sdk-is-light", "cfasr_ext/transcript.py", "import uvicorn"),
    ("gateway-without-cli", "cfasr_openai/app.py", "import typer"),
    ("sdk-private-modules", "cfasr_openai/errors.py", "import cfasr_ext._retry"),
    ("no-cycles", "cfasr_ext/_timed_words.py", "import cfasr_ext.transcript"),
    ("emulator-testing-helpers", "cfasr_emulator/app.py", "import cfasr_emulator.testing"),
]


@pytest.fixture
def packages(tmp_path: Path) -> Path:
    """A scratch copy of every root package, the contract config and its custom contract."""
    for name in CONFIG["root_packages"]:
        spec = importlib.util.find_spec(name)
        assert spec is not None, name
        assert spec.submodule_search_locations, name
        source = Path(next(iter(spec.submodule_search_locations)))
        shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "import_contracts.py", tmp_path / "scripts")
    return tmp_path


def lint_imports(folder: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    # lint-imports puts its working folder first on sys.path, so the copies are analysed.
    chosen = [arg for contract in contracts for arg in ("--contract", contract)]
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *chosen],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_unplanted_copy_keeps_every_contract(packages: Path) -> None:
    result = lint_imports(packages)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACT_NAMES)} kept, 0 broken." in result.stdout


def test_every_contract_has_a_plant() -> None:
    assert {contract for contract, _, _ in PLANTS} == set(CONTRACT_NAMES)


@pytest.mark.parametrize(("contract", "module", "planted"), PLANTS, ids=[p[0] for p in PLANTS])
def test_a_planted_import_breaks_its_contract(
    packages: Path, contract: str, module: str, planted: str
) -> None:
    target = packages / module
    target.write_text(f"{target.read_text()}\n{planted}  # planted by the test\n")

    result = lint_imports(packages, contract)

    assert result.returncode != 0, result.stdout
    assert "Contracts: 0 kept, 1 broken." in result.stdout
    assert Path(module).stem in result.stdout  # the report names the planted module
