"""A server that goes silent mid-stream (no results, no pongs, the socket still open) is
detected by the WebSocket keepalive: the session ends with a typed error instead of waiting
for results forever (issue 18.7).

The client pings every 20 s and gives up 20 s after an unanswered ping (websockets'
defaults, which cfasr keeps), so this takes about 40 s: it is marked slow. The bound below
is only there so that a hang fails the test instead of the suite.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from cfasr_ext.streaming import StreamClosedError, connect_nova3
from tests.cfasr_ext.streaming.conftest import settings_for
from tests.cfasr_ext.streaming.fake_deepgram import Script, chunks, fake_deepgram, word_audio

pytestmark = pytest.mark.slow

PING_INTERVAL_S = 20.0
PING_TIMEOUT_S = 20.0
HANG_BOUND_S = PING_INTERVAL_S + PING_TIMEOUT_S + 30.0


async def test_a_server_that_stops_answering_pings_ends_the_stream_with_a_typed_error() -> None:
    script = Script(drop_after_blocks=2, drop_how="silent")
    async with fake_deepgram(script) as server:
        stream = connect_nova3(
            settings_for(server), reconnect=None, encoding="linear16", sample_rate=16000
        )
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
