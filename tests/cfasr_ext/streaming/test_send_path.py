"""The send path: frames written straight from `send()` and frames that waited in the queue
reach the server in the order they were sent, and a chunk is sent as it was when sent."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

from websockets.asyncio.server import ServerConnection, serve

from cfasr_ext._config import Settings, resolve_settings
from cfasr_ext.streaming import Metadata, connect_nova3
from tests.cfasr_ext.streaming.conftest import WAIT_SECONDS

ACCOUNT = "0123456789abcdef0123456789abcdef"
FINALIZE = '{"type":"Finalize"}'
CLOSE = '{"type":"CloseStream"}'
METADATA = {
    "type": "Metadata",
    "transaction_key": "deprecated",
    "request_id": "req-1",
    "sha256": "0" * 64,
    "created": "2026-01-01T00:00:00Z",
    "duration": 1.0,
    "channels": 1,
}


class Recorder:
    """A server that keeps every frame in arrival order, and stops reading while `reading`
    is clear (so the client's socket buffers fill and its sends must wait)."""

    def __init__(self) -> None:
        self.frames: list[bytes | str] = []
        self.reading = asyncio.Event()
        self.reading.set()

    async def handler(self, ws: ServerConnection) -> None:
        async for message in ws:
            await self.reading.wait()
            self.frames.append(message)
            if message == CLOSE:
                await ws.send(json.dumps(METADATA))
                await ws.close(1000)
                return


@contextlib.asynccontextmanager
async def recording_server(recorder: Recorder) -> AsyncIterator[Settings]:
    async with serve(recorder.handler, "127.0.0.1", 0, compression=None) as server:
        host, port = next(iter(server.sockets)).getsockname()[:2]
        yield resolve_settings(
            api_token="test-token-abcdef",
            account_id=ACCOUNT,
            base_url=f"http://{host}:{port}/client/v4",
            environ={},
        )


def numbered(index: int, size: int) -> bytes:
    return index.to_bytes(2, "little") * (size // 2)


async def test_queued_and_direct_frames_arrive_in_the_order_they_were_sent() -> None:
    recorder = Recorder()
    size = 64 * 1024  # big enough to fill the socket buffers while the server is not reading
    total = 400  # 25 MiB: far more than socket buffers hold
    started = -1  # the chunk whose send() the producer is in
    async with (
        recording_server(recorder) as settings,
        connect_nova3(
            settings, encoding="linear16", sample_rate=16000, max_queued_chunks=4, reconnect=None
        ) as stream,
    ):

        async def producer() -> None:
            nonlocal started
            for index in range(total):
                started = index
                await stream.send(numbered(index, size))

        recorder.reading.clear()
        task = asyncio.create_task(producer())
        previous = -2
        while started != previous:  # until the producer is stuck waiting for the socket
            previous = started
            await asyncio.sleep(0.2)
        stuck_in = started
        await stream.finalize()  # cannot be written now: it waits behind chunk `stuck_in`
        recorder.reading.set()
        await asyncio.wait_for(task, WAIT_SECONDS)
        await stream.finalize()
    events = [event async for event in stream]
    assert isinstance(events[-1], Metadata)
    expected: list[bytes | str] = [numbered(index, size) for index in range(total)]
    expected.insert(stuck_in + 1, FINALIZE)
    expected += [FINALIZE, CLOSE]
    assert recorder.frames == expected
    assert 0 <= stuck_in < total - 1


async def test_a_chunk_changed_after_send_goes_out_as_it_was_sent() -> None:
    recorder = Recorder()
    async with (
        recording_server(recorder) as settings,
        connect_nova3(settings, encoding="linear16", sample_rate=16000) as stream,
    ):
        buffer = bytearray(b"\x01\x00" * 1280)
        await stream.send(buffer)
        buffer[:] = b"\x02\x00" * 1280
        await stream.send(memoryview(buffer))
        buffer[:] = b"\x03\x00" * 1280
    assert recorder.frames == [b"\x01\x00" * 1280, b"\x02\x00" * 1280, CLOSE]
    assert stream.audio_seconds == 2560 * 2 / 32000
