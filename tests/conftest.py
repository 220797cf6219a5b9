from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fake_http import ScriptedServer, scripted_server

pytest_plugins = ["tests.support.summary", "tests.support.fuzz_gate", "tests.support.scheduling"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def recorder() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server
