"""The emulator guide's table of nova-3 options says what the code does: an option marked
*applied* is one the emulator's POST or WebSocket applies, every other is *reported* (or
*refused*, or not an option of that operation), and no option of the spec is missing."""

from __future__ import annotations

import re
from pathlib import Path

from cfasr_client.contract import OPERATIONS, Operation

from cfasr_emulator.rest.nova3_input import APPLIED_ON_POST
from cfasr_emulator.ws.options import APPLIED_ON_STREAM

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "emulator.md"
ROW = re.compile(r"^\| `(?P<name>[a-z_A-Z]+)` \| (?P<post>[a-z—]+) \| (?P<ws>[a-z—]+) \|")


def status(operation: Operation, applied: frozenset[str], name: str) -> str:
    param = operation.get(name)
    if param is None:
        return "—"
    if param.refused is not None:
        return "refused"
    return "applied" if name in applied else "reported"


def test_the_table_matches_what_the_emulator_applies() -> None:
    rows = {
        m["name"]: (m["post"], m["ws"])
        for line in GUIDE.read_text(encoding="utf-8").splitlines()
        if (m := ROW.match(line))
    }
    post, stream = OPERATIONS["runNova3"], OPERATIONS["streamNova3"]
    names = {p.name for op in (post, stream) for p in op.params if not p.internal}
    assert set(rows) == names
    expected = {
        name: (status(post, APPLIED_ON_POST, name), status(stream, APPLIED_ON_STREAM, name))
        for name in names
    }
    assert rows == expected
