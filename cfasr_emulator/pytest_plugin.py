"""pytest plugin: the ``cfasr_emulator`` fixture, one emulator per test session.

Opt-in, so installing cfasr changes no other pytest run: ``pytest_plugins =
["cfasr_emulator.pytest_plugin"]`` in a ``conftest.py``, or ``pytest -p
cfasr_emulator.pytest_plugin``.

    def test_transcribe(cfasr_emulator):
        client = cfasr_ext.Client(api_token=cfasr_emulator.token,
                                  account_id=cfasr_emulator.account_id,
                                  base_url=cfasr_emulator.base_url)

Nothing heavy is imported until the fixture is used, so installing the plugin costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .testing import EmulatorHandle


@pytest.fixture(scope="session")
def cfasr_emulator() -> Iterator[EmulatorHandle]:
    """A running emulator (real engine, lenient auth) on a free 127.0.0.1 port."""
    from .testing import run_emulator

    with run_emulator() as handle:
        yield handle
