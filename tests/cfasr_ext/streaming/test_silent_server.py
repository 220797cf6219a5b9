"""A server that goes silent mid-stream (no results, no pongs, the socket still open) is
detected by the WebSocket keepalive: the session ends with a typed error instead of waiting
for results forever (issue 18.7).

By default the client pings every 20 s and gives up 20 s after an unanswered ping
(websockets' defaults, which cfasr keeps); both are client options (`ws_ping_interval`,
`ws_ping_timeout`), which this test shortens so that it takes under a second instead of 40.
The bound below is only there so that a hang fails the test instead of the suite.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from cfasr_ext import AsyncClient, Client, ConfigurationError
from cfasr_ext.streaming import StreamClosedError, connect_nova3
from tests.cfasr_ext.streaming.conftest import settings_for
from tests.cfasr_ext.streaming.fake_deepgram import Script, chunks, fake_deepgram, word_audio

PING_INTERVAL_S = 0.2
PING_TIMEOUT_S = 0.3
HANG_BOUND_S = PING_INTERVAL_S + PING_TIMEOUT_S + 30.0


async def test_a_server_that_stops_answering_pings_ends_the_stream_with_a_typed_error() -> None:
    script = Script(drop_after_blocks=2, drop_how="silent")
    async with fake_deepgram(script) as server:
        settings = settings_for(
            server, ws_ping_interval=PING_INTERVAL_S, ws_ping_timeout=PING_TIMEOUT_S
        )
        stream = connect_nova3(settings, reconnect=None, encoding="linear16", sample_rate=16000)
        await stream.connect()
        for chunk in chunks(word_audio([1, 2, 3])):
            await stream.send(chunk)
        with pytest.raises(StreamClosedError) as caught:
            await asyncio.wait_for(drain(stream), HANG_BOUND_S)
        await stream.abort()
    assert "ping" in str(caught.value).lower() or caught.value.close_code in (1006, 1011)


async def drain(stream: Any) -> None:
    async for _ in stream:
        pass


async def test_the_keepalive_settings_reach_the_streams_of_both_clients() -> None:
    """`Client(ws_ping_interval=..., ws_ping_timeout=...)` is what the streams run with;
    None turns keepalive off, and a non-positive value is refused before any connection."""
    common: dict[str, Any] = {
        "api_token": "t",
        "account_id": "0" * 32,
        "base_url": "http://127.0.0.1:9",
        "environ": {},
    }
    with Client(**common, ws_ping_interval=1.5, ws_ping_timeout=None) as client:
        assert (client.settings.ws_ping_interval, client.settings.ws_ping_timeout) == (1.5, None)
    async with AsyncClient(**common) as default:
        settings = default.settings
    assert (settings.ws_ping_interval, settings.ws_ping_timeout) == (20.0, 20.0)
    with pytest.raises(ConfigurationError, match="ws_ping_timeout"):
        Client(**common, ws_ping_timeout=0)
