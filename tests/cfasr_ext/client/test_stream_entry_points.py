"""`client.<model>.stream(...)` opens the right live session, sync and async, on the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import cfasr_ext
from cfasr_emulator.testing import EmulatorHandle, run_emulator

SAMPLE = Path(__file__).resolve().parents[3] / "cfasr_emulator/data/weather_park.wav"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as handle:
        yield handle


def _client(emulator: EmulatorHandle) -> cfasr_ext.Client:
    return cfasr_ext.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    )


def _async_client(emulator: EmulatorHandle) -> cfasr_ext.AsyncClient:
    return cfasr_ext.AsyncClient(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    )


@pytest.mark.parametrize("namespace", ["nova_3", "nova_3_internal"])
def test_sync_nova3_stream_ends_with_metadata(emulator: EmulatorHandle, namespace: str) -> None:
    with _client(emulator) as client:
        with getattr(client, namespace).stream(encoding="linear16", sample_rate=16000) as stream:
            stream.send_file(SAMPLE)
        events = list(stream)
    assert isinstance(events[-1], cfasr_ext.Metadata)
    assert any(isinstance(e, cfasr_ext.Results) and e.is_final for e in events)


async def test_async_flux_stream_ends_its_turn(emulator: EmulatorHandle) -> None:
    async with _async_client(emulator) as client:
        async with client.flux.stream(sample_rate=16000) as stream:
            await stream.send_file(SAMPLE)
        events = [event async for event in stream]
    assert any(isinstance(e, cfasr_ext.EndOfTurn) for e in events)


def test_invalid_stream_option_is_refused_before_connecting(emulator: EmulatorHandle) -> None:
    with (
        _client(emulator) as client,
        pytest.raises(cfasr_ext.OptionError, match="eot_threshold"),
    ):
        client.flux.stream(sample_rate=16000, eot_threshold=0.2)
