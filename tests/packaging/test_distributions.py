"""The sdist and the wheel carry the code, the generated client, types, licence and samples."""

from __future__ import annotations

import email.parser
import tarfile
import zipfile
from pathlib import Path

import pytest

import cfasr_ext
from tests.packaging.conftest import ROOT
from tests.packaging.pins import HASH_FILES

pytestmark = pytest.mark.slow  # python -m build makes the sdist and the wheel

SAMPLES = ("weather_park.wav", "two_sentences_pause.wav", "two_speakers.wav")


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def sdist_names(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        prefix = archive.getnames()[0].split("/")[0] + "/"
        return {name.removeprefix(prefix) for name in archive.getnames()}


def wheel_metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def test_the_wheel_holds_both_packages_with_py_typed(wheel: Path) -> None:
    names = wheel_names(wheel)
    for package in ("cfasr_ext", "cfasr_client", "cfasr_openai", "cfasr_cli"):
        assert f"{package}/__init__.py" in names
        assert f"{package}/py.typed" in names
    assert "cfasr_emulator/pytest_plugin.py" in names
    assert "cfasr_client/models/__init__.py" in names
    assert not any("__pycache__" in name or name.startswith("tests/") for name in names)


def test_the_wheel_registers_no_pytest_plugin(wheel: Path) -> None:
    """Installing cfasr must not change every pytest run in the environment: the emulator's
    fixture is opt-in (`pytest_plugins = ["cfasr_emulator.pytest_plugin"]`)."""
    with zipfile.ZipFile(wheel) as archive:
        entry_points = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = "".join(archive.read(name).decode("utf-8") for name in entry_points)
    assert "[console_scripts]" in text
    assert "pytest11" not in text


def test_the_wheel_holds_the_licence_and_the_samples(wheel: Path) -> None:
    names = wheel_names(wheel)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    for sample in SAMPLES:
        assert f"cfasr_emulator/data/{sample}" in names


def test_the_sdist_holds_sources_spec_licence_and_samples(sdist: Path) -> None:
    names = sdist_names(sdist)
    for needed in (
        "cfasr_ext/__init__.py",
        "cfasr_ext/py.typed",
        "cfasr_openai/__init__.py",
        "cfasr_cli/__init__.py",
        "generated/cfasr_client/__init__.py",
        "generated/cfasr_client/py.typed",
        "openapi.yaml",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        *(f"cfasr_emulator/data/{sample}" for sample in SAMPLES),
        # docs/reference/weights.md: the hash-checked engine install works from the sdist too.
        *(f"requirements/{pins.name}" for pins in HASH_FILES),
    ):
        assert needed in names, needed


def test_the_version_is_written_once_and_agrees(wheel: Path) -> None:
    metadata = wheel_metadata(wheel)
    assert metadata["Name"] == "cfasr"
    assert metadata["Version"] == cfasr_ext.__version__
    assert wheel.name.startswith(f"cfasr-{cfasr_ext.__version__}-")
    occurrences = [
        path
        for path in (ROOT / "cfasr_ext").rglob("*.py")
        if f'"{cfasr_ext.__version__}"' in path.read_text(encoding="utf-8")
    ]
    assert occurrences == [ROOT / "cfasr_ext" / "_version.py"]


def test_the_base_requirements_stay_light(wheel: Path) -> None:
    metadata = wheel_metadata(wheel)
    base = sorted(
        req.split(">")[0].split("=")[0].split("<")[0].strip()
        for req in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in req
    )
    assert base == ["attrs", "httpx", "websockets"]
    extras = set(metadata.get_all("Provides-Extra") or [])
    assert {"audio", "server", "cli", "bench"} <= extras


def test_the_changelog_keeps_a_changelog(wheel: Path) -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Keep a Changelog" in changelog
    assert "## [Unreleased]" in changelog
    assert f"## [{cfasr_ext.__version__}]" in changelog
    assert wheel.exists()
