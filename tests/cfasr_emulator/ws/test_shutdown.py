"""Stopping the emulator finishes open streams: the words of the audio already sent, then
Metadata, then close 1001 (going away), within the grace period; not uvicorn's bare 1012."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import websockets

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID, run_emulator
from tests.support.raw_http import HANG_BOUND_S
from tests.support.stereo import stereo_call

from .test_sockets import FLUX, NOVA, RAW, connect, receive_all, send_audio

ROOT = Path(__file__).resolve().parents[3]

FINALIZE = json.dumps({"type": "Finalize"})


async def _stream_then_stop(
    engine: SpeechEngine, model: str, pcm: bytes
) -> tuple[list[dict[str, Any]], int | None]:
    manager = run_emulator(engine=engine, graceful_shutdown_s=10.0)
    emu = manager.__enter__()
    stopped = None
    try:
        async with connect(emu, model) as ws:
            await send_audio(ws, pcm)
            if model == NOVA:
                # The server has every frame once it answers a Finalize sent after them.
                await ws.send(FINALIZE)
                first = json.loads(await ws.recv())
                while not first.get("from_finalize"):
                    first = json.loads(await ws.recv())
                await send_audio(ws, pcm)
            stopped = asyncio.create_task(asyncio.to_thread(manager.__exit__, None, None, None))
            messages = await receive_all(ws)
        await stopped
    finally:
        if stopped is None:
            manager.__exit__(None, None, None)
    return messages, ws.close_code


def _words(messages: list[dict[str, Any]]) -> str:
    finals = [m for m in messages if m["type"] == "Results" and m.get("is_final")]
    return " ".join(m["channel"]["alternatives"][0]["transcript"] for m in finals).lower()


async def test_a_nova_stream_gets_its_last_words_and_metadata_then_1001(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    messages, code = await _stream_then_stop(engine, NOVA, weather_pcm)
    assert code == 1001
    assert messages[-1]["type"] == "Metadata"
    assert "weather" in _words(messages)  # the audio sent after the Finalize was recognised


async def test_a_flux_stream_ends_its_turn_then_1001(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    messages, code = await _stream_then_stop(engine, FLUX, weather_pcm)
    assert code == 1001
    turns = [m for m in messages if m["type"] == "TurnInfo" and m["event"] == "EndOfTurn"]
    assert turns
    assert "weather" in turns[-1]["transcript"].lower()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_sigterm_finishes_the_stream_and_the_process_exits(weather_pcm: bytes) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cfasr_emulator", "--port", str(port), "--engine", "skip"],
        cwd=ROOT,
        env={**os.environ, "CFASR_EMULATOR_TOKEN": "t"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"ws://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/{NOVA}?{RAW}"
    try:
        for _ in range(600):
            try:
                ws = await websockets.connect(url, additional_headers={"Authorization": "Bearer t"})
                break
            except OSError:
                await asyncio.sleep(0.05)
        else:
            raise AssertionError("the server did not start")
        async with ws:
            await send_audio(ws, weather_pcm)
            await ws.send(FINALIZE)  # answered only once every frame before it is read
            while not json.loads(await ws.recv()).get("from_finalize"):
                pass
            server.send_signal(signal.SIGTERM)
            messages = await receive_all(ws)
        output, _ = await asyncio.to_thread(server.communicate, timeout=HANG_BOUND_S)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert ws.close_code == 1001
    assert messages[-1]["type"] == "Metadata"
    assert server.returncode == -signal.SIGTERM, output  # uvicorn re-raises it once stopped


# --- the engine busy past the grace (issue 29, item 9) ------------------------------------
# ``ws-slow=S`` makes every recognition step of a session S seconds late, as on an overloaded
# server; with S longer than the grace, the session's last decode cannot finish in time.

BUSY_GRACE_S = 2.0


async def _stop_with_the_engine_busy(
    model: str, pcm: bytes, slow_s: float, *, wait_for_turn: bool = False, query: str = RAW
) -> tuple[list[dict[str, Any]], int | None]:
    manager = run_emulator(
        engine_mode="skip", faults_enabled=True, graceful_shutdown_s=BUSY_GRACE_S
    )
    emu = manager.__enter__()
    stopped = None
    messages: list[dict[str, Any]] = []
    try:
        async with connect(emu, model, query, **{"cf-emulator-fault": f"ws-slow={slow_s:g}"}) as ws:
            await send_audio(ws, pcm)
            if wait_for_turn:  # flux: a turn is open when the server begins to stop
                while not any(m.get("event") == "StartOfTurn" for m in messages):
                    messages.append(json.loads(await ws.recv()))
            stopped = asyncio.create_task(asyncio.to_thread(manager.__exit__, None, None, None))
            messages += await receive_all(ws)
        await stopped
    finally:
        if stopped is None:
            manager.__exit__(None, None, None)
    return messages, ws.close_code


async def test_a_nova_stream_whose_last_decode_cannot_finish_gets_metadata_and_1001(
    weather_pcm: bytes,
) -> None:
    messages, code = await _stop_with_the_engine_busy(NOVA, weather_pcm, slow_s=60)
    assert code == 1001
    assert messages
    assert messages[-1]["type"] == "Metadata"


async def test_a_multichannel_stream_cut_short_gets_one_metadata_for_both_channels() -> None:
    stereo = stereo_call().pcm
    query = f"{RAW}&channels=2&multichannel=true"
    messages, code = await _stop_with_the_engine_busy(NOVA, stereo, slow_s=60, query=query)
    assert code == 1001
    assert [m["type"] for m in messages] == ["Metadata"]
    assert messages[0]["channels"] == 2


async def test_a_flux_stream_whose_last_decode_cannot_finish_ends_its_turn_then_1001(
    weather_pcm: bytes,
) -> None:
    # The first step (all the audio sent) runs 2.5 s late and opens a turn; the stop comes
    # then, and the step that would end the turn would run 2.5 s late again, past the grace.
    half = weather_pcm[: len(weather_pcm) // 2]
    messages, code = await _stop_with_the_engine_busy(FLUX, half, slow_s=2.5, wait_for_turn=True)
    assert code == 1001
    assert messages[0]["type"] == "Connected"
    events = [m.get("event") for m in messages if m["type"] == "TurnInfo"]
    assert "StartOfTurn" in events
    assert events[-1] == "EndOfTurn"
