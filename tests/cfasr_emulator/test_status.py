"""``GET /_emulator/status``: the counters a soak reads from outside the emulator process."""

from __future__ import annotations

import asyncio
import json

import httpx
import websockets

from cfasr_emulator.testing import run_emulator

QUERY = "?encoding=linear16&sample_rate=16000"


def status(origin: str) -> dict[str, object]:
    response = httpx.get(origin + "/_emulator/status")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body: dict[str, object] = response.json()
    return body


async def test_status_counts_an_open_session_until_it_ends() -> None:
    with run_emulator(engine_mode="skip", max_ws_sessions=3) as emu:
        origin = emu.base_url.removesuffix("/client/v4")
        idle = await asyncio.to_thread(status, origin)
        assert idle["open_sessions"] == 0
        assert idle["session_limit"] == 3
        assert idle["pending_batches"] == 0
        assert idle["engine_waiting"] is None  # the skip engine has no queue
        threads = idle["python_threads"]
        assert isinstance(threads, dict)
        assert threads["MainThread"] == 1
        url = emu.websocket_url("@cf/deepgram/nova-3") + QUERY
        async with websockets.connect(url, additional_headers=emu.auth_headers) as ws:
            await ws.send(bytes(3200))
            busy = await asyncio.to_thread(status, origin)
            assert busy["open_sessions"] == 1
            await ws.send(json.dumps({"type": "CloseStream"}))
            async for _ in ws:
                pass
        for _ in range(200):  # the slot is released just after the close frame goes out
            if (await asyncio.to_thread(status, origin))["open_sessions"] == 0:
                break
            await asyncio.sleep(0.05)
        assert (await asyncio.to_thread(status, origin))["open_sessions"] == 0


def test_status_needs_no_credentials_and_says_nothing_secret() -> None:
    with run_emulator(engine_mode="skip", token="a-secret-token") as emu:
        origin = emu.base_url.removesuffix("/client/v4")
        response = httpx.get(origin + "/_emulator/status")
        assert response.status_code == 200
        assert "a-secret-token" not in response.text
        assert httpx.post(origin + "/_emulator/status").status_code == 405
