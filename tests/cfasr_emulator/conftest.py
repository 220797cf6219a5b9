"""Shared emulator fixtures: models load once per test session, servers are real."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cfasr_emulator.engine import WEATHER, SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator


@pytest.fixture(scope="session")
def speech_engine() -> SpeechEngine:
    """One real engine for the whole session, shared by every emulator that needs speech."""
    return SpeechEngine(max_queue=8)


@pytest.fixture(scope="session")
def emulator(speech_engine: SpeechEngine) -> Iterator[EmulatorHandle]:
    """Real engine, lenient auth, no faults."""
    with run_emulator(engine=speech_engine) as handle:
        yield handle


@pytest.fixture(scope="session")
def weather_wav() -> bytes:
    return WEATHER.path.read_bytes()


def post(
    emu: EmulatorHandle,
    model: str,
    *,
    headers: dict[str, str] | None = None,
    auth: bool = True,
    timeout: float = 120.0,
    **kwargs: Any,
) -> httpx.Response:
    """POST to ``model`` on ``emu`` with its token unless ``auth`` is False."""
    sent = dict(emu.auth_headers) if auth else {}
    sent.update(headers or {})
    return httpx.post(emu.model_url(model), headers=sent, timeout=timeout, **kwargs)
