"""Every streaming session gives its slot back, however it ends (issue 18.5, the lost slot).

A session holds one of ``max_ws_sessions`` slots until ``Session.run`` returns. A stalled
session (the ``ws-stall`` fault) keeps reading until the client leaves or goes idle, or the
server stops. The item that says so (``_Gone``, ``_Idle``, ``_Shutdown``) is the reader's
last; if the processing task took it in the instant between the stall and its own
cancellation, the stall waited on an inbox nobody would fill again, and the slot was never
released (only uvicorn's forced cancellation at the end of its grace period ended it).
"""

from __future__ import annotations

import asyncio
import json

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.support.raw_http import HANG_BOUND_S

from .test_sockets import FLUX, NOVA, RAW, connect

STALL = {"cf-emulator-fault": "ws-stall;after-messages=1"}


async def wait_for_free_slots(emu: EmulatorHandle) -> int:
    """Open sessions once they reach 0, or after HANG_BOUND_S (a hang: the assert shows it)."""
    sessions = emu.context.sessions
    for _ in range(int(HANG_BOUND_S / 0.05)):
        if sessions.open_sessions == 0:
            break
        await asyncio.sleep(0.05)
    return int(sessions.open_sessions)


async def test_a_session_stalled_by_its_last_audio_frees_its_slot_when_the_server_stops(
    engine: SpeechEngine, weather_pcm: bytes
) -> None:
    """One frame of audio whose recognition sends the first message (which stalls the
    session) while the reader, the server stopping, has already queued its last item."""
    with run_emulator(
        engine=engine, faults_enabled=True, idle_timeout_s=600, graceful_shutdown_s=5
    ) as emu:
        async with connect(emu, NOVA, RAW + "&interim_results=true", **STALL) as ws:
            await ws.send(weather_pcm + bytes(32000))
            emu.context.begin_shutdown()
            async with asyncio.timeout(HANG_BOUND_S):
                messages = [json.loads(message) async for message in ws]
        assert [m["type"] for m in messages] == ["Results"]  # stalled after one message
        assert ws.close_code == 1001
        assert await wait_for_free_slots(emu) == 0


async def test_a_stalled_session_closes_1001_when_the_server_stops() -> None:
    """Not dropped without a close frame, as when the stall ignored ``_Shutdown``."""
    with run_emulator(engine_mode="skip", faults_enabled=True, idle_timeout_s=600) as emu:
        async with connect(emu, FLUX, **STALL) as ws:
            connected = json.loads(await ws.recv())
            assert connected["type"] == "Connected"
            emu.context.begin_shutdown()
            async with asyncio.timeout(HANG_BOUND_S):
                async for _ in ws:
                    pass
        assert ws.close_code == 1001
        assert await wait_for_free_slots(emu) == 0
