"""Fixtures for testing `my_app` offline.

`cfasr_emulator` comes from the pytest plugin that `pip install 'cfasr[server]'` ships and
the `pytest_plugins` line below turns on: one emulator (real offline recognition) for the
whole session. The fixtures below add a client for it and emulators that fail on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import cfasr_ext
from cfasr_emulator.faults import parse_rules
from cfasr_emulator.testing import EmulatorHandle, run_emulator

pytest_plugins = ["cfasr_emulator.pytest_plugin"]


def client_for(emulator: EmulatorHandle, **options: object) -> cfasr_ext.Client:
    return cfasr_ext.Client(
        api_token=emulator.token,
        account_id=emulator.account_id,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def client(cfasr_emulator: EmulatorHandle) -> Iterator[cfasr_ext.Client]:
    with client_for(cfasr_emulator) as client:
        yield client


@pytest.fixture
def flaky_emulator() -> Iterator[EmulatorHandle]:
    """The first whisper-tiny-en call answers 503; later ones work."""
    rules = parse_rules(["runWhisperTinyEn@1:503"])
    with run_emulator(faults_enabled=True, fault_rules=rules, engine_mode="skip") as emulator:
        yield emulator


@pytest.fixture
def busy_emulator() -> Iterator[EmulatorHandle]:
    """Every call answers 429 (out of capacity), as Workers AI does under load."""
    rules = parse_rules(["*@1+:429;retry-after=0"])
    with run_emulator(faults_enabled=True, fault_rules=rules, engine_mode="skip") as emulator:
        yield emulator
