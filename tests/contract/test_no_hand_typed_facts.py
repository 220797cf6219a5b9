"""No range, option list or model id of openapi.yaml is typed again by hand.

Every bound, enum and model id is written once, in the spec, and reaches the SDK, the
emulator and the command line through the generated contract. This test reads the Python
source of the hand-written packages and fails on a literal copy: a number equal to a
distinctive bound of the spec, a collection literal that repeats a whole enum, or a model
id in code. Each detector is run on a planted copy first, so the test can fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from cfasr_client.contract import MODELS, OPERATIONS, SERVICE_LIMITS

ROOT = Path(__file__).resolve().parents[2]
HAND_WRITTEN = ("cfasr_contract", "cfasr_ext", "cfasr_emulator", "cfasr_openai", "cfasr_cli")
# Numbers too common to mean "a copy of a bound": counts, HTTP statuses, milliseconds per
# second and minute, and 0.3 s (a duration the emulator's VAD also uses).
COMMON = {0, 1, 2, 3, 4, 5, 8, 10, 16, 20, 50, 60, 100, 500, 1000, 60_000, 0.3, 0.5}


def _bounds() -> set[float]:
    found: set[float] = set()
    for operation in OPERATIONS.values():
        for param in operation.params:
            for value in (param.minimum, param.maximum, param.max_length):
                if value is not None:
                    found.add(value)
            # The emulator's own bounds are facts of the spec too.
            for _, limit in param.emulator_limits:
                if isinstance(limit, int | float) and not isinstance(limit, bool):
                    found.add(limit)
    # So are the service's documented limits (the rate limit was once typed three times).
    for fact in SERVICE_LIMITS.values():
        if isinstance(fact.value, int | float) and not isinstance(fact.value, bool):
            found.add(fact.value)
    return found - COMMON


def _enums() -> set[frozenset[str]]:
    return {
        frozenset(param.enum)
        for operation in OPERATIONS.values()
        for param in operation.params
        if len(param.enum) >= 3
    }


def _sources() -> Iterator[tuple[str, str]]:
    for package in HAND_WRITTEN:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                ids.add(id(value))
    return ids


def copies_in(source: str, bounds: set[float], enums: set[frozenset[str]]) -> list[str]:
    """Every literal in `source` that repeats a fact of the spec, described."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings:
            value = node.value
            if isinstance(value, int | float) and not isinstance(value, bool) and value in bounds:
                found.append(f"line {node.lineno}: bound {value!r}")
            if isinstance(value, str) and value in MODELS:
                found.append(f"line {node.lineno}: model id {value!r}")
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            texts = {
                e.value
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
            if len(texts) >= 3 and frozenset(texts) in enums:
                found.append(f"line {node.lineno}: enum {sorted(texts)}")
    return found


def test_the_hand_written_packages_repeat_no_bound_enum_or_model_id() -> None:
    bounds, enums = _bounds(), _enums()
    assert 192000 in bounds  # the sample-rate bound, once copied seven times
    assert 720 in bounds  # the rate limit
    copies = {
        name: found for name, source in _sources() if (found := copies_in(source, bounds, enums))
    }
    assert copies == {}


@pytest.mark.parametrize(
    ("planted", "kind"),
    [
        ("RATE = 192000\n", "bound 192000"),
        ("EOT = (0.5, 0.9)\n", "bound 0.9"),
        ("MODES = ('general', 'medical', 'finance')\n", "enum"),
        ("NOVA = '@cf/deepgram/nova-3'\n", "model id"),
    ],
)
def test_a_planted_copy_is_found(planted: str, kind: str) -> None:
    found = copies_in(planted, _bounds(), _enums())
    assert any(kind in entry for entry in found), found


def test_docstrings_may_name_facts() -> None:
    source = '"""Sample rates up to 192000 Hz, e.g. for @cf/deepgram/nova-3."""\n'
    assert copies_in(source, _bounds(), _enums()) == []
