"""check-generated passes on the committed tree and names files after an unregenerated change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # each test runs the generator (about 10 s)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    # cfasr_contract: the generator reads its runtime; the SDK module is a generated file.
    for name in ("openapi.yaml", "scripts", "generated", "cfasr_contract"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "cfasr_ext" / "models").mkdir(parents=True)
    shutil.copy(ROOT / "cfasr_ext" / "models" / "_generated.py", tmp_path / "cfasr_ext" / "models")
    (tmp_path / "docs" / "reference").mkdir(parents=True)
    for page in ("options.md", "limits.md"):
        shutil.copy(ROOT / "docs" / "reference" / page, tmp_path / "docs" / "reference")
    return tmp_path


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "check-generated"), "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_passes_when_generated_matches_the_spec(project_copy: Path) -> None:
    result = _check(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in sync" in result.stdout


def test_check_fails_and_names_files_after_an_unregenerated_spec_change(project_copy: Path) -> None:
    spec = project_copy / "openapi.yaml"
    spec.write_text(
        spec.read_text().replace(
            "text: {type: string, description: The whole transcript.}",
            "text: {type: string, description: The whole transcript, changed.}",
        )
    )
    result = _check(project_copy)
    assert result.returncode == 1
    assert "differs: generated/cfasr_client/models/whisper_result.py" in result.stdout


def test_check_names_the_options_page_after_an_unregenerated_option_change(
    project_copy: Path,
) -> None:
    spec = project_copy / "openapi.yaml"
    narrowed = spec.read_text().replace(
        "minimum: 1\n          maximum: 20", "minimum: 1\n          maximum: 9"
    )
    assert narrowed != spec.read_text()
    spec.write_text(narrowed)
    result = _check(project_copy)
    assert result.returncode == 1
    assert "differs: docs/reference/options.md" in result.stdout
    assert (
        "differs: docs/reference/limits.md" in result.stdout
    )  # beam_size's bound is the emulator's
    assert "differs: generated/cfasr_client/contract/catalog.py" in result.stdout


def _python_files(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*.py") if p.is_file()}


def test_regenerate_is_deterministic(project_copy: Path) -> None:
    before = {
        p.relative_to(project_copy): p.read_bytes()
        for p in project_copy.rglob("*.py")
        if p.is_file()
    }
    subprocess.run(
        [sys.executable, str(project_copy / "scripts" / "regenerate"), "--root", str(project_copy)],
        check=True,
        capture_output=True,
    )
    after = {
        p.relative_to(project_copy): p.read_bytes()
        for p in project_copy.rglob("*.py")
        if p.is_file()
    }
    assert before == after


def test_check_names_the_sdk_operation_layer_after_an_unregenerated_operation_change(
    project_copy: Path,
) -> None:
    spec = project_copy / "openapi.yaml"
    summary = "summary: Transcribe a recording with @cf/openai/whisper."
    assert summary in spec.read_text()
    spec.write_text(spec.read_text().replace(summary, summary[:-1] + ", changed."))
    result = _check(project_copy)
    assert result.returncode == 1
    assert "differs: cfasr_ext/models/_generated.py" in result.stdout
