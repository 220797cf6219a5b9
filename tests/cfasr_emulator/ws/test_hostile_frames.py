"""A text frame built to break a JSON parser is treated like any other malformed message."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from cfasr_emulator.testing import EmulatorHandle

from .test_sockets import FLUX, NOVA, connect

DEEPLY_NESTED = "[" * 2000 + "]" * 2000
CLOSE = json.dumps({"type": "CloseStream"})


async def sessions_end(emulator: EmulatorHandle) -> bool:
    """Whether every session has ended within 10 s (the client's own ping timeout is 20 s)."""
    for _ in range(200):
        if emulator.context.sessions.open_sessions == 0:
            return True
        await asyncio.sleep(0.05)
    return False


@pytest.mark.parametrize("model", [NOVA, FLUX])
async def test_a_deeply_nested_text_frame_is_ignored_and_the_stream_closes_normally(
    emulator: EmulatorHandle, model: str
) -> None:
    assert await sessions_end(emulator)
    async with connect(emulator, model) as ws:
        await ws.send(DEEPLY_NESTED)
        await ws.send(CLOSE)
        try:
            async for _ in ws:
                pass
        except websockets.ConnectionClosedError:
            pass
    assert ws.close_code == 1000


@pytest.mark.parametrize("model", [NOVA, FLUX])
async def test_a_session_ends_promptly_after_its_client_leaves(
    emulator: EmulatorHandle, model: str
) -> None:
    assert await sessions_end(emulator)
    async with connect(emulator, model) as ws:
        await ws.send(DEEPLY_NESTED)
    assert await sessions_end(emulator), "the session outlived its client"
