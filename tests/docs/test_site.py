"""The documentation site builds in strict mode, offline, and what it shows exists.

`mkdocs build --strict` turns every warning (a broken link, a page missing from the nav, an
API reference entry mkdocstrings cannot resolve) into a failure. The checks below add what
mkdocs cannot see: that the code in the guides is valid Python and that every `cfasr_ext`
name the pages mention is importable.
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.docs.conftest import ROOT

pytestmark = pytest.mark.slow  # mkdocs builds the whole site

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
_DOTTED = re.compile(r"\bcfasr_ext(?:\.[A-Za-z_]\w*)+")
_IMPORT = re.compile(r"^\s*from (cfasr_ext[\w.]*) import ([\w, ]+)$", re.M)


def test_mkdocs_builds_the_site_in_strict_mode(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    streaming = (site / "reference" / "streaming" / "index.html").read_text(encoding="utf-8")
    assert "connect_flux" in streaming  # rendered from docstrings, not written by hand
    assert "ReconnectPolicy" in streaming
    clients = (site / "reference" / "client" / "index.html").read_text(encoding="utf-8")
    assert "with_raw_response" in clients
    changelog = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "Keep a Changelog" in changelog


def _nav_files(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in _nav_files(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in _nav_files(value)]
    return []


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = set(_nav_files(config["nav"]))
    assert {str(page.relative_to(DOCS)) for page in PAGES} == listed


def test_the_site_fetches_nothing_at_build_time() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"].get("font") is False
    names = {next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]}
    assert names <= {"search", "mkdocstrings"}
    handler = config["plugins"][1]["mkdocstrings"]["handlers"]["python"]
    assert "inventories" not in handler
    assert "import" not in handler


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_python_examples_in_the_docs_are_valid(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for block in _BLOCK.findall(text):
        compile(block, str(page), "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        for module, names in _IMPORT.findall(block):
            imported = importlib.import_module(module)
            for name in (n.strip() for n in names.split(",")):
                assert hasattr(imported, name), f"{page.name}: {module}.{name}"


def _resolve(dotted: str) -> None:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            target = getattr(target, attribute)
        return
    raise ImportError(dotted)


@pytest.mark.parametrize("page", [*PAGES, ROOT / "README.md"], ids=lambda p: p.name)
def test_every_cfasr_ext_name_the_docs_mention_exists(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for dotted in sorted(set(_DOTTED.findall(text))):
        _resolve(dotted.rstrip("."))


def test_readme_links_point_at_files_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(((?!https?://)[^)#]+)", readme)
    assert targets
    for target in targets:
        assert (ROOT / target).exists(), target
