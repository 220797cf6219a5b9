"""The client against the real local emulator: every REST model, sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

import cfasr_ext as cf
from cfasr_emulator.testing import EmulatorHandle, run_emulator

pytestmark = pytest.mark.engine  # the real speech engine: not in make test-fast

WAV = Path(cf.__file__).parents[1] / "cfasr_emulator" / "data" / "weather_park.wav"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator() as handle:
        yield handle


def client(emulator: EmulatorHandle) -> cf.Client:
    return cf.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    )


@pytest.mark.parametrize("model", ["whisper", "whisper-large-v3-turbo", "nova-3"])
def test_sync_client_transcribes_through_the_emulator(emulator: EmulatorHandle, model: str) -> None:
    with client(emulator) as sync_client:
        transcript = sync_client.transcribe(WAV, model=model)
    assert "park" in transcript.text.lower()
    assert transcript.words


def test_async_client_transcribes_through_the_emulator(emulator: EmulatorHandle) -> None:
    async def go() -> cf.Transcript:
        async with cf.AsyncClient(
            api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
        ) as async_client:
            return await async_client.transcribe(WAV, model="nova-3", smart_format=True)

    assert "park" in asyncio.run(go()).text.lower()


def test_undecodable_audio_is_a_bad_request_with_code_5006(emulator: EmulatorHandle) -> None:
    with client(emulator) as sync_client, pytest.raises(cf.BadRequestError) as caught:
        sync_client.whisper.transcribe(b"RIFF\x00\x00\x00\x00WAVEnot really audio")
    assert caught.value.code == cf.ErrorCode.BAD_INPUT
    assert caught.value.request_id
