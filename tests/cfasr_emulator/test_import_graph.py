"""The emulator's modules import each other one way: no circle, and no production module
leans on its own test helper (``testing.py`` imports the app, so that would be a circle)."""

from __future__ import annotations

from pathlib import Path

from tests.support.import_graph import cycles, import_graph

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cfasr_emulator"

USERS_OF_TESTING = {
    "cfasr_emulator",  # re-exports run_emulator, imported lazily
    "cfasr_emulator.pytest_plugin",  # the fixture runs run_emulator
    "cfasr_emulator.demo",  # `make demo` runs the emulator as a user would in a test
}
"""The modules that may import ``cfasr_emulator.testing``: its users, none of its imports."""


def test_the_emulator_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert "cfasr_emulator.rest.routes" in graph["cfasr_emulator.app"]  # the graph is read
    assert cycles(graph) == []


def test_no_production_module_imports_the_test_helper() -> None:
    graph = import_graph(PACKAGE)
    users = {module for module, imported in graph.items() if "cfasr_emulator.testing" in imported}
    assert users <= USERS_OF_TESTING


def test_a_circle_through_a_lazy_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "b.py").write_text("from .. import c\n")
    (package / "c.py").write_text("def later():\n    from pkg.a import x\n")
    (package / "d.py").write_text("import pkg.c\n")
    graph = import_graph(package)
    assert graph["pkg.d"] == {"pkg.c"}
    assert cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
