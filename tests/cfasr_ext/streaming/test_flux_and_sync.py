"""flux sessions, the sync twin, send_file and back-pressure against the local server."""

from __future__ import annotations

import asyncio
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from cfasr_ext._config import Settings
from cfasr_ext._errors import AudioInputError, OptionError
from cfasr_ext.streaming import (
    ConfigureSuccess,
    Connected,
    EndOfTurn,
    Reconnected,
    ReconnectPolicy,
    Results,
    StartOfTurn,
    Update,
    connect_flux,
    connect_flux_sync,
    connect_nova3,
    connect_nova3_sync,
)
from cfasr_ext.streaming._sync_session import FluxStream, Nova3Stream
from tests.cfasr_ext.streaming.conftest import (
    WAIT_SECONDS,
    fake_deepgram_in_thread,
    settings_for,
    stream_threads,
    until,
)
from tests.cfasr_ext.streaming.fake_deepgram import Script, chunks, fake_deepgram, word_audio

TURNS = [1, 2, 3, 0, 4, 5, 0, 6, 7, 8, 9, 0, 10]


@pytest.mark.parametrize("omit_type", [False, True])
async def test_flux_turn_events_and_transcript(omit_type: bool) -> None:
    async with fake_deepgram(Script(omit_turn_type=omit_type)) as server:
        async with connect_flux(settings_for(server), eot_threshold=0.7) as stream:
            for chunk in chunks(word_audio(TURNS)):
                await stream.send(chunk)
        events = [event async for event in stream]
    assert isinstance(events[0], Connected)
    assert any(isinstance(e, StartOfTurn) for e in events)
    assert any(isinstance(e, Update) for e in events)
    ends = [e for e in events if isinstance(e, EndOfTurn)]
    assert [e.transcript for e in ends] == ["w1 w2 w3", "w4 w5", "w6 w7 w8 w9", "w10"]
    assert [e.turn_index for e in ends] == [0, 1, 2, 3]
    assert stream.transcript().text == " ".join(f"w{n}" for n in TURNS if n)


async def test_flux_configure_and_force_end_turn() -> None:
    script = Script()
    async with fake_deepgram(script) as server:
        async with connect_flux(settings_for(server)) as stream:
            await stream.configure(eot_threshold=0.8, keyterms=["cfasr"])
            await stream.send(word_audio([1, 2]))
            await stream.force_end_turn()
        events = [event async for event in stream]
    (success,) = [e for e in events if isinstance(e, ConfigureSuccess)]
    assert success.message.to_dict()["keyterms"] == ["cfasr"]
    (end,) = [e for e in events if isinstance(e, EndOfTurn)]
    assert end.message.trigger == "manual"


async def test_flux_idle_keepalive_is_silence_not_a_text_frame() -> None:
    script = Script()
    async with (
        fake_deepgram(script) as server,
        connect_flux(settings_for(server), keepalive_interval=0.02) as stream,
    ):
        await until(lambda: script.audio_bytes >= 640 * 3, "three silence frames sent")
    assert script.texts == ['{"type":"CloseStream"}']
    assert stream.transcript().text == ""


async def test_flux_reconnect_keeps_turns_continuous() -> None:
    values = [1, 2, 0, 3, 4, 5, 0, 6, 7, 0, 8, 9, 10, 0, 11]
    script = Script(drop_after_blocks=9)
    async with fake_deepgram(script) as server:
        policy = ReconnectPolicy(backoff=0.01)
        async with connect_flux(settings_for(server), reconnect=policy) as stream:
            for chunk in chunks(word_audio(values)):
                await stream.send(chunk)
        events = [event async for event in stream]
    assert script.connections == 2
    assert any(isinstance(e, Reconnected) for e in events)
    ends = [e for e in events if isinstance(e, EndOfTurn)]
    assert [e.turn_index for e in ends] == list(range(len(ends)))
    assert stream.transcript().text == " ".join(f"w{n}" for n in values if n)
    assert [w.start for w in stream.transcript().words] == sorted(
        w.start for w in stream.transcript().words
    )


def _with_block(stream: Nova3Stream | FluxStream, audio: bytes) -> None:
    with stream:
        for chunk in chunks(audio):
            stream.send(chunk)


def _connect_then_close(stream: Nova3Stream | FluxStream, audio: bytes) -> None:
    stream.connect()
    for chunk in chunks(audio):
        stream.send(chunk)
    stream.close()


SYNC_TWINS: dict[str, Callable[[Settings], Nova3Stream | FluxStream]] = {
    "nova3": lambda settings: connect_nova3_sync(settings, encoding="linear16", sample_rate=16000),
    "flux": lambda settings: connect_flux_sync(settings),
}


@pytest.mark.parametrize("end", [_with_block, _connect_then_close], ids=["with", "close"])
@pytest.mark.parametrize("twin", SYNC_TWINS)
def test_sync_twin_streams_iterates_after_close_and_leaves_no_thread(
    twin: str, end: Callable[[Nova3Stream | FluxStream, bytes], None]
) -> None:
    with fake_deepgram_in_thread() as settings:
        stream = SYNC_TWINS[twin](settings)
        assert stream_threads() == []  # the loop thread starts only on connect
        end(stream, word_audio([1, 2, 3]))
        assert stream_threads() == []
        assert stream._runner is not None
        assert stream._runner.loop.is_closed()
        events = list(stream)  # what the session received stays readable
    assert any(isinstance(e, Results | EndOfTurn) for e in events)
    assert stream.transcript().text == "w1 w2 w3"


def test_sync_twin_refuses_bad_options_before_starting_a_thread() -> None:
    with fake_deepgram_in_thread() as settings, pytest.raises(OptionError):
        connect_flux_sync(settings, eot_threshold=3)
    assert stream_threads() == []


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)


async def test_send_file_decodes_and_resamples_to_the_session_rate(tmp_path: Path) -> None:
    # 8 kHz file: every block of 8000 bytes is 0.5 s; resampled to 16 kHz it must still be
    # heard as the same constant-valued words.
    import struct

    pcm = b"".join(struct.pack("<h", v * 1000) * 4000 for v in (1, 2, 3, 4))
    path = tmp_path / "words.wav"
    write_wav(path, pcm, 8000)
    async with (
        fake_deepgram(Script()) as server,
        connect_nova3(settings_for(server), encoding="linear16", sample_rate=16000) as stream,
    ):
        seconds = await stream.send_file(path)
    assert seconds == pytest.approx(2.0, abs=0.01)
    assert stream.audio_seconds == pytest.approx(seconds)
    # the resampler smooths the steps between words, so only the word count is checked
    assert len(stream.transcript().words) == 4


async def test_send_file_refuses_a_missing_file_and_a_non_pcm_session(tmp_path: Path) -> None:
    async with fake_deepgram(Script()) as server:
        async with connect_nova3(
            settings_for(server), encoding="linear16", sample_rate=16000
        ) as stream:
            with pytest.raises(AudioInputError):
                await stream.send_file(tmp_path / "missing.wav")
        async with connect_nova3(settings_for(server)) as stream:
            with pytest.raises(OptionError, match="linear16"):
                await stream.send_file(tmp_path / "missing.wav")


async def test_a_server_that_stops_reading_blocks_the_sender_with_bounded_memory() -> None:
    gate = asyncio.Event()
    script = Script(pause_reading=gate)
    chunk = bytes(64 * 1024)
    total = 400  # 25 MiB: far more than socket buffers plus the queue can hold
    sent = 0
    async with (
        fake_deepgram(script) as server,
        connect_nova3(
            settings_for(server),
            encoding="linear16",
            sample_rate=16000,
            max_queued_chunks=4,
            reconnect=None,
        ) as stream,
    ):

        async def producer() -> None:
            nonlocal sent
            for _ in range(total):
                await stream.send(chunk)
                sent += 1

        task = asyncio.create_task(producer())
        previous = -1
        while sent != previous:  # wait until the sender makes no more progress
            previous = sent
            await asyncio.sleep(0.2)
        assert not task.done()
        assert sent < total
        assert stream._outgoing.qsize() <= 4
        gate.set()
        await asyncio.wait_for(task, WAIT_SECONDS)
    assert sent == total
    assert script.audio_bytes == total * len(chunk)
