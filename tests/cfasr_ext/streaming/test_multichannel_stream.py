"""Streaming a stereo call with `channels=2, multichannel=True` through the real emulator,
sync and async: events expose their channel, and the stream's transcript keeps it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import cfasr_ext as cf
from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_ext.streaming._listen_v1 import ListenV1Protocol
from cfasr_ext.streaming._stream_options import Nova3StreamOptions
from tests.support.stereo import CHANNEL_WORDS, stereo_call, words_of

pytestmark = pytest.mark.engine  # the real speech engine: not in make test-fast

OPTIONS = {
    "encoding": "linear16",
    "sample_rate": 16000,
    "channels": 2,
    "multichannel": True,
    "endpointing": 300,
}
CHUNK = 6400  # 100 ms of two-channel 16 kHz linear16


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator() as handle:
        yield handle


def _chunks() -> list[bytes]:
    pcm = stereo_call().pcm
    return [pcm[i : i + CHUNK] for i in range(0, len(pcm), CHUNK)]


def _assert_heard_apart(events: list[cf.StreamEvent], transcript: cf.Transcript) -> None:
    finals = [e for e in events if isinstance(e, cf.Results) and e.is_final]
    assert {(e.channel_index, e.channel_count) for e in finals} == {(0, 2), (1, 2)}
    for index, own in enumerate(CHANNEL_WORDS):
        said = words_of(" ".join(e.transcript for e in finals if e.channel_index == index))
        assert len(said & set(own)) >= len(own) - 1, (index, said)
        assert not said & set(CHANNEL_WORDS[1 - index]), (index, said)
        kept = words_of(transcript.for_channel(index).text)
        assert kept == said
    assert transcript.channels == (0, 1)
    metadata = [e for e in events if isinstance(e, cf.Metadata)]
    assert [m.message.channels for m in metadata] == [2]


def _client(emulator: EmulatorHandle) -> cf.Client:
    return cf.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    )


def test_sync_stream_keeps_channels_apart(emulator: EmulatorHandle) -> None:
    with _client(emulator) as client:
        stream = client.nova_3.stream(**OPTIONS)  # type: ignore[arg-type]
        with stream:
            for chunk in _chunks():
                stream.send(chunk)
            stream.close()
            events = list(stream)
        _assert_heard_apart(events, stream.transcript())


def test_async_stream_keeps_channels_apart(emulator: EmulatorHandle) -> None:
    async def go() -> tuple[list[cf.StreamEvent], cf.Transcript]:
        async with cf.AsyncClient(
            api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
        ) as client:
            async with client.nova_3.stream(**OPTIONS) as stream:  # type: ignore[arg-type]
                for chunk in _chunks():
                    await stream.send(chunk)
                await stream.close()
                events = [event async for event in stream]
            return events, stream.transcript()

    _assert_heard_apart(*asyncio.run(go()))


def test_mono_results_are_channel_0_of_1(emulator: EmulatorHandle) -> None:
    pcm = stereo_call().pcm
    left = b"".join(pcm[i : i + 2] for i in range(0, 16000 * 2 * 2, 4))  # 1 s of channel 0
    with _client(emulator) as client:
        stream = client.nova_3.stream(encoding="linear16", sample_rate=16000)
        with stream:
            stream.send(left)
            stream.close()
            results = [e for e in stream if isinstance(e, cf.Results)]
    assert results
    assert {(e.channel_index, e.channel_count) for e in results} == {(0, 1)}


def _final(channel: int, start: float, duration: float) -> str:
    return json.dumps(
        {
            "type": "Results",
            "channel_index": [channel, 2],
            "start": start,
            "duration": duration,
            "is_final": True,
            "channel": {"alternatives": [{"transcript": "", "confidence": 0.0, "words": []}]},
        }
    )


def test_resend_buffer_keeps_audio_until_every_channel_has_covered_it() -> None:
    """A final on one channel must not let a reconnect skip audio another channel has not
    finalised yet: the ledger only forgets what every channel's finals cover."""
    options = Nova3StreamOptions.from_kwargs(**OPTIONS)
    protocol = ListenV1Protocol(options, keepalive_interval=None)
    protocol.connection_made(0.0)
    protocol.audio(bytes(64000 * 4), 0.0)  # 4 s of stereo linear16
    protocol.receive(_final(0, 0.0, 3.0))
    assert protocol.ledger.start_seconds == pytest.approx(0.0)
    protocol.receive(_final(1, 0.0, 1.0))
    assert protocol.ledger.start_seconds == pytest.approx(1.0)
    protocol.receive(_final(1, 1.0, 2.5))
    assert protocol.ledger.start_seconds == pytest.approx(3.0)


def test_pcm16_chunks_interleave_a_stereo_file_without_remixing() -> None:
    call = stereo_call()
    assert b"".join(cf.pcm16_chunks(call.wav, sample_rate=16000, channels=2)) == call.pcm


def test_send_file_streams_a_stereo_file_channel_by_channel(
    emulator: EmulatorHandle, tmp_path: Path
) -> None:
    wav = tmp_path / "call.wav"
    wav.write_bytes(stereo_call().wav)
    with _client(emulator) as client:
        stream = client.nova_3.stream(**OPTIONS)  # type: ignore[arg-type]
        with stream:
            sent = stream.send_file(wav)
            stream.close()
            events = list(stream)
        _assert_heard_apart(events, stream.transcript())
    assert sent == pytest.approx(stereo_call().duration)


def test_send_file_refuses_a_file_with_another_channel_count(emulator: EmulatorHandle) -> None:
    with _client(emulator) as client:
        stream = client.nova_3.stream(**OPTIONS)  # type: ignore[arg-type]
        with stream, pytest.raises(cf.AudioInputError, match="1 channel"):
            stream.send_file(WEATHER.path)
