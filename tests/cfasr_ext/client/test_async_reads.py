"""AsyncClient reads files and sync iterators in a worker thread, so the event loop keeps
running during an upload. Each read below blocks until the event loop has ticked: a read made
on the loop's own thread can never see a tick, so it would time out and the test fails."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import ACCOUNT, FAST, TOKEN
from tests.support.fake_http import Scripted, ScriptedServer

AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 1024  # 256 KiB: several blocks
TICK_WAIT = 1.0  # seconds a read waits for a tick; only reached when the loop is blocked


class Ticker:
    """A task that ticks as often as the event loop lets it; reads wait for its next tick."""

    def __init__(self) -> None:
        self.count = 0
        self.ticked = threading.Event()
        self.reads: list[tuple[bool, int]] = []  # (a tick came during the read, count after)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.count += 1
            self.ticked.set()
            await asyncio.sleep(0.001)

    def wait_for_a_tick(self) -> None:
        self.ticked.clear()
        self.reads.append((self.ticked.wait(TICK_WAIT), self.count))


class GatedFile(io.BytesIO):
    """A seekable binary file whose every read waits for a tick (a slow disk)."""

    def __init__(self, data: bytes, ticker: Ticker) -> None:
        super().__init__(data)
        self.ticker = ticker

    def read(self, size: int | None = -1, /) -> bytes:
        self.ticker.wait_for_a_tick()
        return super().read(size)


class GatedPipe(io.RawIOBase):
    """A non-seekable binary stream (a pipe or socket) whose reads wait for a tick."""

    def __init__(self, data: bytes, ticker: Ticker) -> None:
        self.data, self.ticker = memoryview(data), ticker

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.ticker.wait_for_a_tick()
        size = min(len(buffer), len(self.data))
        buffer[:size] = self.data[:size]
        self.data = self.data[size:]
        return size


def gated_iterator(data: bytes, ticker: Ticker) -> Iterator[bytes]:
    for start in range(0, len(data), 64 * 1024):
        ticker.wait_for_a_tick()
        yield data[start : start + 64 * 1024]


SOURCES: dict[str, Callable[[bytes, Ticker], Any]] = {
    "seekable-file": GatedFile,
    "pipe": GatedPipe,
    "sync-iterator": gated_iterator,
}


@pytest.mark.parametrize("kind", SOURCES)
async def test_event_loop_keeps_ticking_while_a_source_is_read(
    server: ScriptedServer, kind: str
) -> None:
    ticker = Ticker()
    stop = asyncio.Event()
    ticking = asyncio.create_task(ticker.run(stop))
    source = SOURCES[kind](AUDIO, ticker)
    async with cf.AsyncClient(
        api_token=TOKEN, account_id=ACCOUNT, base_url=server.base_url, retry_policy=FAST
    ) as client:
        result = await client.whisper.transcribe(source)
    stop.set()
    await ticking
    assert result.text == "ok"
    assert server.requests[0].body == AUDIO
    assert len(ticker.reads) >= 4
    assert all(ticked for ticked, _ in ticker.reads), "a read blocked the event loop"
    counts = [count for _, count in ticker.reads]
    assert counts == sorted(set(counts)), "the loop did not tick between reads"


async def test_a_large_file_path_uploads_whole_from_a_worker_thread(
    server: ScriptedServer, tmp_path: Path
) -> None:
    path = tmp_path / "long.wav"
    path.write_bytes(AUDIO * 8)  # 2 MiB, 32 blocks
    async with cf.AsyncClient(
        api_token=TOKEN, account_id=ACCOUNT, base_url=server.base_url, retry_policy=FAST
    ) as client:
        await client.whisper.transcribe(path)
        await client.whisper_large_v3_turbo.transcribe(path)  # base64 JSON body
    assert server.requests[0].body == AUDIO * 8
    assert b'"audio":"UklGR' in server.requests[1].body


@pytest.mark.parametrize("kind", SOURCES)
async def test_batch_submit_reads_its_audio_off_the_event_loop(
    server: ScriptedServer, kind: str
) -> None:
    queued = {"result": {"status": "queued", "request_id": "job-1"}, "success": True}
    server.script = [Scripted(body=queued)]
    ticker = Ticker()
    stop = asyncio.Event()
    ticking = asyncio.create_task(ticker.run(stop))
    sources = [SOURCES[kind](AUDIO, ticker), SOURCES[kind](AUDIO[:1024], ticker)]
    async with cf.AsyncClient(
        api_token=TOKEN, account_id=ACCOUNT, base_url=server.base_url, retry_policy=FAST
    ) as client:
        job = await client.whisper_large_v3_turbo.batch.submit(sources, language="en")
    stop.set()
    await ticking
    assert job.request_id == "job-1"
    sent = json.loads(server.requests[0].body)["requests"]
    assert [base64.b64decode(item["audio"]) for item in sent] == [AUDIO, AUDIO[:1024]]
    assert len(ticker.reads) >= 5
    assert all(ticked for ticked, _ in ticker.reads), "a batch read blocked the event loop"
