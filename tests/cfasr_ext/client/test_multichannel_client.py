"""`client.transcribe(..., model="nova-3", multichannel=True)` on a stereo call, through the
real emulator, sync and async: the common `Transcript` keeps each word's channel."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

import cfasr_ext as cf
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.support.stereo import CHANNEL_WORDS, stereo_call, words_of

pytestmark = pytest.mark.engine  # the real speech engine: not in make test-fast


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator() as handle:
        yield handle


def _assert_channels_kept(transcript: cf.Transcript) -> None:
    assert transcript.channels == (0, 1)
    assert {word.channel for word in transcript.words} == {0, 1}
    assert all(segment.channel in (0, 1) for segment in transcript.segments)
    for index, own in enumerate(CHANNEL_WORDS):
        heard = words_of(transcript.for_channel(index).text)
        assert len(heard & set(own)) >= len(own) - 1, (index, heard)
        assert not heard & set(CHANNEL_WORDS[1 - index]), (index, heard)
        for segment in transcript.segments:
            if segment.channel == index:
                assert {word.channel for word in segment.words} == {index}
    starts = [word.start for word in transcript.words]
    assert starts == sorted(starts)


def test_sync_transcript_keeps_the_channel_of_each_word(emulator: EmulatorHandle) -> None:
    with cf.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        transcript = client.transcribe(stereo_call().wav, model="nova-3", multichannel=True)
    _assert_channels_kept(transcript)


def test_async_transcript_keeps_the_channel_of_each_word(emulator: EmulatorHandle) -> None:
    async def go() -> cf.Transcript:
        async with cf.AsyncClient(
            api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
        ) as client:
            return await client.transcribe(
                stereo_call().wav, model="nova-3", multichannel=True, smart_format=True
            )

    _assert_channels_kept(asyncio.run(go()))


def test_without_multichannel_the_transcript_is_mono(emulator: EmulatorHandle) -> None:
    with cf.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        transcript = client.transcribe(stereo_call().wav, model="nova-3")
    assert transcript.channels == ()
    assert {word.channel for word in transcript.words} <= {None}


def test_chunking_with_multichannel_is_refused_sync_and_async(emulator: EmulatorHandle) -> None:
    """Chunking's mono pieces would mix the channels: refused before any request."""
    with (
        cf.Client(
            api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
        ) as client,
        pytest.raises(cf.OptionError, match="multichannel"),
    ):
        client.transcribe(stereo_call().wav, model="nova-3", multichannel=True, chunking=True)

    async def go() -> None:
        async with cf.AsyncClient(
            api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
        ) as client:
            await client.transcribe(
                stereo_call().wav, model="nova-3", multichannel=True, chunking=True
            )

    with pytest.raises(cf.OptionError, match="multichannel"):
        asyncio.run(go())
