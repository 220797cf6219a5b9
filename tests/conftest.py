from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support.fake_http import ScriptedServer, scripted_server

pytest_plugins = [
    "cfasr_emulator.pytest_plugin",
    "tests.support.summary",
    "tests.support.fuzz_gate",
    "tests.support.scheduling",
]

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis fails an example that takes over 200 ms: a timed assertion, which a busy machine
# trips (a lazy-events property failed with DeadlineExceeded beside other work). Speed belongs
# to benchmarks/, so no property here has a deadline.
settings.register_profile("cfasr", deadline=None)
settings.load_profile("cfasr")


@pytest.fixture
def recorder() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server
