"""A WebSocket text frame that is not UTF-8 (issue 29, item 13): the session closes with 1007,
as the protocol says, and the emulator's log gets one line, not uvicorn's traceback."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
import websockets
from websockets.frames import Frame, Opcode

from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID
from tests.support.emulators import emulator_process


async def send_bad_text(port: int) -> int | None:
    url = (
        f"ws://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/"
        "@cf/deepgram/nova-3?encoding=linear16&sample_rate=16000"
    )
    async with websockets.connect(url, additional_headers={"Authorization": "Bearer t"}) as ws:
        ws.protocol.send_frame(Frame(Opcode.TEXT, b"\xff\xfe not utf-8"))
        ws.send_data()
        with pytest.raises(websockets.ConnectionClosedError):
            await asyncio.wait_for(ws.recv(), 10)
    return ws.close_code


def test_a_text_frame_that_is_not_utf8_closes_1007_without_a_traceback() -> None:
    with emulator_process(log=True) as (process, port):
        code = asyncio.run(send_bad_text(port))
    assert process.stdout is not None
    log = process.stdout.read().decode()
    assert code == 1007
    assert "not UTF-8" in log, log
    assert "Traceback" not in log, log


async def send_text(port: int, size: int) -> int | None:
    """One KeepAlive padded to about ``size`` bytes, then a normal close: the close code the
    session ended with (1009 when the server refused the message)."""
    url = (
        f"ws://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/"
        "@cf/deepgram/nova-3?encoding=linear16&sample_rate=16000"
    )
    async with websockets.connect(
        url, additional_headers={"Authorization": "Bearer t"}, max_size=None
    ) as ws:
        # One big control message: before the cap, 64 of 15 MB took a session to 1.47 GB.
        await ws.send('{"type": "KeepAlive", "padding": "' + "x" * size + '"}')
        with contextlib.suppress(TimeoutError, websockets.ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 1)
    return ws.close_code


def test_a_text_message_over_the_cap_closes_1009() -> None:
    with emulator_process() as (_, port):
        assert asyncio.run(send_text(port, 1_000_000)) == 1009
        assert asyncio.run(send_text(port, 1_000)) == 1000  # small ones are read as before
