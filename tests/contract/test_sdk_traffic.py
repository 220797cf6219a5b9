"""What the SDK really sends and receives, checked against openapi.yaml on the wire.

REST calls go through a transport that validates each request and response with
openapi-core; streams go through a relay that validates every WebSocket text frame, both
directions, against the message schemas in ``components/schemas``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext import BadRequestError
from cfasr_ext.streaming import (
    ConfigureSuccess,
    Metadata,
    connect_flux,
    connect_nova3,
    connect_nova3_internal,
)
from tests.support.emulators import (
    SAMPLE,
    async_client_for,
    client_for,
    settings_for,
    suite_emulator,
)
from tests.support.transport import SpecLog
from tests.support.ws_relay import WsRelay, ws_relay


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(faults_enabled=False) as handle:
        yield handle


@pytest.fixture
def relay(emulator: EmulatorHandle) -> Iterator[WsRelay]:
    with ws_relay(emulator.base_url) as running:
        yield running


CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("runWhisper", "whisper", {}),
    ("runWhisper", "whisper", {"body_format": "json"}),
    ("runWhisperTinyEn", "whisper_tiny_en", {"tags": "suite:contract"}),
    ("runWhisperLargeV3Turbo", "whisper_large_v3_turbo", {}),
    ("runWhisperLargeV3Turbo", "whisper_large_v3_turbo", {"task": "translate", "language": "en"}),
    ("runNova3", "nova_3", {}),
    (
        "runNova3",
        "nova_3",
        {"punctuate": True, "smart_format": True, "keyterm": ["finance team", "park"]},
    ),
]


@pytest.mark.parametrize(("operation", "namespace", "options"), CALLS)
def test_sync_client_traffic_matches_the_spec(
    emulator: EmulatorHandle, operation: str, namespace: str, options: dict[str, Any]
) -> None:
    log = SpecLog()
    with client_for(emulator, log) as client:
        getattr(client, namespace).transcribe(SAMPLE, **options)
    assert [(e.operation, e.status) for e in log.exchanges] == [(operation, 200)]
    log.assert_conforms()


@pytest.mark.parametrize(("operation", "namespace", "options"), CALLS)
async def test_async_client_traffic_matches_the_spec(
    emulator: EmulatorHandle, operation: str, namespace: str, options: dict[str, Any]
) -> None:
    log = SpecLog()
    async with async_client_for(emulator, log) as client:
        await getattr(client, namespace).transcribe(SAMPLE, **options)
    assert [(e.operation, e.status) for e in log.exchanges] == [(operation, 200)]
    log.assert_conforms()


def test_flux_configuration_post_and_its_refusal_match_the_spec(emulator: EmulatorHandle) -> None:
    log = SpecLog()
    with client_for(emulator, log) as client, pytest.raises(BadRequestError):
        client.flux.run_config(eot_threshold=0.7, keyterm="cfasr")
    assert [(e.operation, e.status) for e in log.exchanges] == [("runFlux", 400)]
    log.assert_conforms()


@pytest.mark.parametrize("connect", [connect_nova3, connect_nova3_internal])
async def test_nova3_frames_match_the_message_schemas(
    emulator: EmulatorHandle, relay: WsRelay, connect: Any
) -> None:
    settings = settings_for(emulator, relay.base_url)
    async with connect(
        settings,
        encoding="linear16",
        sample_rate=16000,
        interim_results=True,
        vad_events=True,
        utterance_end_ms=1000,
        keepalive_interval=0.05,
    ) as stream:
        await stream.send_file(SAMPLE)
        await stream.finalize()
    events = [event async for event in stream]
    assert isinstance(events[-1], Metadata)
    sent = {text.split('"type":"')[1].split('"')[0] for text in relay.texts(from_server=False)}
    assert {"Finalize", "CloseStream"} <= sent
    assert relay.texts(from_server=True)
    relay.assert_conforms()


async def test_flux_frames_match_the_message_schemas(
    emulator: EmulatorHandle, relay: WsRelay
) -> None:
    settings = settings_for(emulator, relay.base_url)
    async with connect_flux(settings, eot_threshold=0.7, keyterm=["park"]) as stream:
        await stream.send_file(SAMPLE)
        await stream.configure(eot_threshold=0.8, eager_eot_threshold=0.5, keyterms=["weather"])
        await stream.force_end_turn()
    events = [event async for event in stream]
    assert any(isinstance(event, ConfigureSuccess) for event in events)
    sent = relay.texts(from_server=False)
    assert any('"Configure"' in text for text in sent)
    assert any('"ForceEndTurn"' in text for text in sent)
    relay.assert_conforms()
