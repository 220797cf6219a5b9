"""A stream whose recognition is behind still answers its client's pings (issue 29, item 10).

The emulator used to stop reading a session's socket as soon as 2 s of audio waited for
recognition, so a ping sent behind more audio than that went unread until recognition caught
up, and a default websockets client (20 s ping timeout) dropped the stream with 1011. The
session now reads ahead up to ``ws_queued_audio_s`` of audio. Recognition is made slow with
the ``ws-slow`` fault, so the test does not depend on how busy the machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import websockets

from cfasr_emulator.testing import EmulatorHandle, run_emulator

from .conftest import chunks

NOVA = "@cf/deepgram/nova-3"
SAMPLE_RATE = 16_000
SECONDS_OF_AUDIO = 10
"""Five times the old read-ahead; the whole of it fits in the kernel's socket buffers, so
the client's sends never wait and its ping sits behind the audio."""
RECOGNITION_DELAY_S = 120
PONG_WAIT_S = 30


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip", faults_enabled=True) as handle:
        yield handle


async def test_a_ping_behind_unrecognised_audio_is_answered(emulator: EmulatorHandle) -> None:
    url = f"{emulator.websocket_url(NOVA)}?encoding=linear16&sample_rate={SAMPLE_RATE}"
    headers = {**emulator.auth_headers, "cf-emulator-fault": f"ws-slow={RECOGNITION_DELAY_S}"}
    silence = bytes(2 * SAMPLE_RATE * SECONDS_OF_AUDIO)
    async with websockets.connect(url, additional_headers=headers, ping_interval=None) as ws:
        for chunk in chunks(silence, 3200):
            await ws.send(chunk)
        pong = await ws.ping()
        # Before the fix the pong came only after recognition caught up (minutes here).
        latency = await asyncio.wait_for(pong, PONG_WAIT_S)
        assert latency >= 0
