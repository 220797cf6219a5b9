"""nova-3's `replace` on the WebSocket, with real speech: applied to every Results' words
and transcript, interims and finals alike, as on the POST (issue 27)."""

from __future__ import annotations

import pytest

from cfasr_emulator.testing import EmulatorHandle

from .test_sockets import CLOSE, NOVA, RAW, connect, receive_all, send_audio

pytestmark = pytest.mark.engine


async def test_replace_applies_to_every_results_message(
    emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    query = RAW + "&punctuate=true&interim_results=true&replace=weather:climate"
    async with connect(emulator, NOVA, query) as ws:
        await send_audio(ws, weather_pcm + bytes(32000))
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    results = [m for m in messages if m["type"] == "Results"]
    words = [w["word"] for m in results for w in m["channel"]["alternatives"][0]["words"]]
    assert "weather" not in words
    finals = " ".join(
        m["channel"]["alternatives"][0]["transcript"] for m in results if m["is_final"]
    )
    assert "climate" in finals.lower()
    assert "replace" not in messages[-1].get("options_not_applied", [])
