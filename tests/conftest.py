from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.recording_server import RecordingServer, recording_server

pytest_plugins = ["tests.support.summary", "tests.support.fuzz_gate"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def recorder() -> Iterator[RecordingServer]:
    with recording_server() as server:
        yield server
