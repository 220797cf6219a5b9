"""A package's own import graph, read from its source: which of its modules imports which.

Every ``import`` statement counts, those inside functions and under ``TYPE_CHECKING`` too: a
lazy import still ties two modules together, and only hides a circle until the day it runs.
Importing ``pkg.sub.mod`` is an edge to ``pkg.sub.mod`` alone (as grimp and import-linter
count it), not to the ``__init__`` modules Python runs on the way.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

Graph = dict[str, set[str]]


def _modules(package_dir: Path) -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _imported(node: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, list[str]]]:
    """(module named, names taken from it) for one import statement."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, []
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".")
            if not is_package:
                base.pop()
            base = base[: len(base) - node.level + 1]
            named = ".".join(base + ([node.module] if node.module else []))
        else:
            named = node.module or ""
        yield named, [alias.name for alias in node.names]


def import_graph(package_dir: Path) -> Graph:
    """Module name -> the names of the package's modules it imports."""
    modules = _modules(package_dir)
    graph: Graph = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for named, names in _imported(node, module, is_package):
                submodules = {f"{named}.{name}" for name in names} & modules.keys()
                if submodules:
                    edges |= submodules
                if not names or len(submodules) < len(names):
                    edges.add(named)  # `import named`, or names defined in it
        graph[module] = (edges & modules.keys()) - {module}
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import each other round a circle (Tarjan's strongly
    connected components of more than one module), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)
