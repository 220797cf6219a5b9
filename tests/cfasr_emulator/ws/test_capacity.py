"""Interims at any sending speed, and a fair engine shared by streams and REST (issues 16, 18, 19).

Every test runs a real emulator on 127.0.0.1 and real WebSocket and HTTP clients. None
measures time: they count messages and check the order things happened in.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator

from .test_sockets import CLOSE, NOVA, RAW, connect, receive_all, send_audio

INTERIMS = RAW + "&interim_results=true&endpointing=300"
WHISPER_TINY = "@cf/openai/whisper-tiny-en"


def results(messages: list[dict[str, Any]], *, final: bool) -> list[dict[str, Any]]:
    return [m for m in messages if m["type"] == "Results" and m["is_final"] is final]


def text(message: dict[str, Any]) -> str:
    return str(message["channel"]["alternatives"][0]["transcript"])


async def stream_at_full_speed(emu: EmulatorHandle, pcm: bytes) -> list[dict[str, Any]]:
    """Send every frame as fast as the socket takes it, then CloseStream, and read it all."""
    async with connect(emu, NOVA, INTERIMS) as ws:
        reader = asyncio.create_task(receive_all(ws))
        await send_audio(ws, pcm)
        await ws.send(CLOSE)
        return await reader


@pytest.fixture(scope="module")
def long_pcm(weather_pcm: bytes, two_sentences_pcm: bytes) -> bytes:
    """About 12 s: two sentences, a pause, one more sentence, then 1 s of silence."""
    return two_sentences_pcm + weather_pcm + bytes(32000)


async def test_full_speed_stream_gets_at_least_three_interims(
    emulator: EmulatorHandle, long_pcm: bytes
) -> None:
    messages = await stream_at_full_speed(emulator, long_pcm)
    assert len(results(messages, final=False)) >= 3
    finals = " ".join(text(m) for m in results(messages, final=True))
    assert "finance team" in finals
    assert "park" in finals


async def test_every_utterance_longer_than_a_second_gets_an_interim_before_its_final(
    emulator: EmulatorHandle, long_pcm: bytes
) -> None:
    messages = await stream_at_full_speed(emulator, long_pcm)
    checked = 0
    for index, message in enumerate(messages):
        if message["type"] != "Results" or not message["is_final"]:
            continue
        words = message["channel"]["alternatives"][0]["words"]
        if not words or words[-1]["end"] - words[0]["start"] <= 1.0:
            continue
        checked += 1
        before = results(messages[:index], final=False)
        assert any(m["start"] == message["start"] for m in before), text(message)
    assert checked >= 2


@pytest.fixture
def small_engine_emulator(engine: SpeechEngine) -> Iterator[EmulatorHandle]:
    """A server of its own whose REST admission holds four requests, the default."""
    own = SpeechEngine(max_queue=4)
    own._models = engine._models  # the loaded weights, shared (loading again takes seconds)
    with run_emulator(engine=own, idle_timeout_s=30.0) as handle:
        yield handle


def hammer_rest(emu: EmulatorHandle, wav: bytes, stop: threading.Event, done: list[int]) -> None:
    """Keep REST requests coming until ``stop``: a 429 is retried at once, so slots stay full."""
    url = emu.model_url(WHISPER_TINY)
    with httpx.Client(headers=emu.auth_headers, timeout=120) as client:
        while not stop.is_set():
            response = client.post(url, content=wav, headers={"content-type": "audio/wav"})
            if response.status_code == 200:
                done.append(1)


async def test_streams_get_finals_while_rest_saturates_the_engine(
    small_engine_emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    emu = small_engine_emulator
    from cfasr_emulator.engine import WEATHER

    wav = WEATHER.path.read_bytes()
    stop = threading.Event()
    done: list[int] = []
    workers = [threading.Thread(target=hammer_rest, args=(emu, wav, stop, done)) for _ in range(8)]
    for worker in workers:
        worker.start()
    try:
        while len(done) < 2:  # REST is really running before the stream starts
            assert all(worker.is_alive() for worker in workers)
            await asyncio.sleep(0.05)
        async with connect(emu, NOVA, RAW + "&endpointing=300") as ws:
            await send_audio(ws, weather_pcm + bytes(32000))
            rest_before = len(done)
            final = None
            while final is None:
                message = json.loads(await ws.recv())
                if message["type"] == "Results" and message["is_final"] and text(message):
                    final = message
            rest_meanwhile = len(done) - rest_before
            await ws.send(CLOSE)
            await receive_all(ws)
    finally:
        stop.set()
        for worker in workers:
            await asyncio.to_thread(worker.join)
    # Fair turns: the final waits for the REST decode running and at most one more (the
    # count lags a response behind the server), never for REST as long as REST keeps coming.
    assert rest_meanwhile <= 3, rest_meanwhile
    assert "park" in text(final)


async def test_overload_thins_interims_but_never_finals(
    emulator: EmulatorHandle, engine: SpeechEngine, weather_pcm: bytes
) -> None:
    """More full-speed sessions than the engine can serve at once: every one gets its final."""
    pcm = weather_pcm + bytes(32000)
    alone = await stream_at_full_speed(emulator, pcm)
    crowd = await asyncio.gather(*(stream_at_full_speed(emulator, pcm) for _ in range(3)))
    for messages in [alone, *crowd]:
        finals = [text(m) for m in results(messages, final=True) if text(m)]
        assert len(finals) == 1
        assert "park" in finals[0]
    interims_alone = len(results(alone, final=False))
    assert interims_alone >= 2
    assert all(len(results(m, final=False)) <= interims_alone for m in crowd)


def test_a_session_that_is_behind_is_not_closed_for_a_late_pong() -> None:
    """Back-pressure leaves the client's pong unread behind its audio, so server pings would
    close sessions that are only behind (1011 "keepalive ping timeout", seen at 6 sessions
    on 2 cores); the idle timeout is what closes a silent client."""
    from cfasr_emulator.config import ServerConfig
    from cfasr_emulator.serving import uvicorn_config

    config = uvicorn_config(object(), ServerConfig(), log_level="warning")
    assert config.ws_ping_interval is None
