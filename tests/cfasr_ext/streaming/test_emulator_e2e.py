"""End to end against the project's emulator (`cfasr_emulator`), not the scripted server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cfasr_ext._config import Settings, resolve_settings
from cfasr_ext.streaming import EndOfTurn, Metadata, Results, connect_flux, connect_nova3

pytest.importorskip("cfasr_emulator.ws")
from cfasr_emulator.testing import run_emulator

pytestmark = pytest.mark.engine  # the real speech engine: not in make test-fast

SAMPLE = Path(__file__).resolve().parents[3] / "cfasr_emulator/data/weather_park.wav"


def settings_of(mode: str) -> Iterator[Settings]:
    with run_emulator(engine_mode=mode) as emu:
        yield resolve_settings(
            api_token=emu.token, account_id=emu.account_id, base_url=emu.base_url, environ={}
        )


@pytest.fixture(scope="module")
def skip_settings() -> Iterator[Settings]:
    yield from settings_of("skip")


async def test_nova3_file_stream_ends_with_metadata_on_the_emulator(
    skip_settings: Settings,
) -> None:
    async with connect_nova3(skip_settings, encoding="linear16", sample_rate=16000) as stream:
        await stream.send_file(SAMPLE)
    events = [event async for event in stream]
    assert isinstance(events[-1], Metadata)
    assert any(isinstance(e, Results) and e.is_final for e in events)


async def test_flux_file_stream_ends_its_turn_on_the_emulator(skip_settings: Settings) -> None:
    async with connect_flux(skip_settings) as stream:
        await stream.send_file(SAMPLE)
    events = [event async for event in stream]
    assert any(isinstance(e, EndOfTurn) for e in events)


@pytest.mark.slow
async def test_real_recognition_of_the_bundled_sample() -> None:
    for settings in settings_of("real"):
        async with connect_nova3(settings, encoding="linear16", sample_rate=16000) as stream:
            await stream.send_file(SAMPLE)
        assert "weather" in stream.transcript().text
