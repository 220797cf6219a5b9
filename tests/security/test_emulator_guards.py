"""The emulator's guards, seen through the SDK: strict auth, body cap, session cap, loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cfasr_emulator.config import ServerConfig
from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext import AuthenticationError, RateLimitError, RequestTooLargeError
from cfasr_ext._config import resolve_settings
from cfasr_ext.streaming import connect_flux
from tests.support.emulators import SAMPLE, client_for, settings_for, suite_emulator
from tests.support.transport import SpecLog


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(max_body_bytes=60_000, max_ws_sessions=2) as handle:
        yield handle


@pytest.mark.parametrize("token", ["wrong-token-123", "Bearer-lookalike", "x" * 200])
def test_strict_auth_refuses_any_other_token(emulator: EmulatorHandle, token: str) -> None:
    log = SpecLog()
    with client_for(emulator, log, api_token=token) as client, pytest.raises(AuthenticationError):
        client.whisper.transcribe(b"RIFF....WAVEfmt ")
    log.assert_conforms()


async def test_strict_auth_refuses_a_stream_with_another_token(emulator: EmulatorHandle) -> None:
    settings = resolve_settings(
        api_token="wrong-token-123",
        account_id=emulator.account_id,
        base_url=emulator.base_url,
        environ={},
    )
    with pytest.raises(AuthenticationError):
        await connect_flux(settings).connect()


def test_bodies_over_the_cap_are_refused(emulator: EmulatorHandle) -> None:
    log = SpecLog()
    with client_for(emulator, log) as client, pytest.raises(RequestTooLargeError) as caught:
        client.whisper.transcribe(SAMPLE)
    assert caught.value.code == 3006
    log.assert_conforms()


async def test_sessions_over_the_cap_are_refused(emulator: EmulatorHandle) -> None:
    settings = settings_for(emulator)
    open_streams = [await connect_flux(settings).connect() for _ in range(2)]
    try:
        with pytest.raises(RateLimitError):
            await connect_flux(settings).connect()
    finally:
        for stream in open_streams:
            await stream.abort()


def test_the_emulator_binds_to_loopback_by_default(emulator: EmulatorHandle) -> None:
    assert ServerConfig().host == "127.0.0.1"
    assert emulator.host == "127.0.0.1"
    assert emulator.base_url.startswith("http://127.0.0.1:")
