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


def nova3_result(
    emu: EmulatorHandle, audio: bytes, params: list[tuple[str, str]]
) -> dict[str, Any]:
    """A nova-3 POST of a WAV with ``params`` that must succeed and match the spec; its result,
    with every option sent checked not to be reported as not applied."""
    from tests.support.spec import validate_exchange

    response = post(
        emu,
        "@cf/deepgram/nova-3",
        content=audio,
        params=params,
        headers={"content-type": "audio/wav"},
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    result: dict[str, Any] = response.json()["result"]
    warned = [w["parameter"] for w in result["metadata"].get("warnings", [])]
    for name, _ in params:
        assert name not in warned, f"{name} was reported as not applied: {warned}"
    return result
