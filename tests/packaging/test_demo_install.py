"""`make demo` installs what the demo runs and none of the development tools (issue 31).

Read from `make -n` (what a fresh clone would run) and pyproject's extras, so this runs in a
second; tests/packaging/test_fresh_install.py runs the demo itself in a venv with only those
extras installed from the wheel, and checks the tools are absent there too.
"""

from __future__ import annotations

from pathlib import Path

from packaging.utils import canonicalize_name

from tests.packaging.pins import DEV_TOOLS, extra_requirements, installed_extras, make_recipe


def test_make_demo_installs_no_docs_lint_fuzzing_or_benchmark_tools(tmp_path: Path) -> None:
    recipe = make_recipe("demo", tmp_path)
    (extras,) = installed_extras(recipe)  # one environment, installed once
    wanted = {canonicalize_name(r.name) for r in extra_requirements(extras)}
    assert not wanted & set(DEV_TOOLS), f"make demo installs .[{extras}]"
    assert recipe[-1].split()[:3] == [
        str(tmp_path / "venv-demo/bin/python"),
        "-m",
        "cfasr_emulator.demo",
    ]


def test_make_demo_runs_in_its_own_venv_and_make_test_keeps_the_dev_install(
    tmp_path: Path,
) -> None:
    demo = make_recipe("demo", tmp_path)
    assert not any(f"{tmp_path}/venv/" in line for line in demo), "make demo builds .venv"
    assert installed_extras(make_recipe("install", tmp_path)) == ["dev"]


def test_make_demo_installs_the_engine_hash_checked_before_its_extras(tmp_path: Path) -> None:
    """The weight wheels come hash-checked (requirements/engine*.txt) before pip resolves the
    extras, which then find them installed at the pinned versions."""
    recipe = make_recipe("demo", tmp_path)
    checked = [i for i, line in enumerate(recipe) if "--require-hashes -r" in line]
    editable = [i for i, line in enumerate(recipe) if " -e '.[" in line]
    assert checked, "make demo installs the engine without checking hashes"
    assert editable
    assert checked[0] < editable[0]
    assert "requirements/engine" in recipe[checked[0]]
