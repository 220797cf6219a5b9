"""The gateway's modules import each other one way: no circle."""

from __future__ import annotations

from pathlib import Path

from tests.support.import_graph import cycles, import_graph

PACKAGE = Path(__file__).resolve().parents[2] / "cfasr_openai"


def test_the_gateway_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert graph["cfasr_openai.app"]  # the graph is read
    assert cycles(graph) == []
