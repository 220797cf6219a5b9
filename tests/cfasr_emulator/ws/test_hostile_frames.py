"""A text frame built to break a JSON parser is treated like any other malformed message."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.testing import EmulatorHandle

from . import test_recognizer_v1, test_recognizer_v2
from .test_sockets import FLUX, NOVA, connect

DEEPLY_NESTED = "[" * 2000 + "]" * 2000
CLOSE = json.dumps({"type": "CloseStream"})
NESTED_CLOSE = '{"type": "CloseStream", "extra": ' + "[" * 200 + "]" * 200 + "}"
"""Parses on every Python; past the emulator's 64 levels, so malformed everywhere."""


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


def test_a_control_message_nested_too_deep_is_malformed(speech_engine: SpeechEngine) -> None:
    nova = test_recognizer_v1.recognizer(speech_engine)
    flux = test_recognizer_v2.recognizer(speech_engine)
    flux.opening()
    for recognizer in (nova, flux):
        assert recognizer.feed_text(NESTED_CLOSE).close is None
        assert recognizer.feed_text(CLOSE).close is not None
