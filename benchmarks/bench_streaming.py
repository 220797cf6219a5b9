"""Stream one hour of 16 kHz linear16 audio over loopback and report the speed.

The local server answers like the emulator's skip-recognition mode: it transcribes nothing,
but sends an (empty) final Results for every second of audio it reads, then Metadata after
CloseStream. It runs in its own process so client and server do not share the GIL.

Prints × real time (goal ≥ 200×) and the time from CloseStream to the closing Metadata.
Run: .venv/bin/python benchmarks/bench_streaming.py [--minutes 60] [--chunk-ms 80]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import time

from websockets.asyncio.server import ServerConnection, serve

from cfasr_ext._config import resolve_settings
from cfasr_ext.streaming import Metadata, connect_nova3

RATE = 16000
BYTES_PER_SECOND = RATE * 2
ACCOUNT = "0" * 32


def _final(start: float, duration: float) -> str:
    return json.dumps(
        {
            "type": "Results",
            "channel_index": [0, 1],
            "start": start,
            "duration": duration,
            "is_final": True,
            "speech_final": False,
            "channel": {"alternatives": [{"transcript": "", "confidence": 0.0, "words": []}]},
        }
    )


async def _handler(ws: ServerConnection) -> None:
    received = 0
    reported = 0
    async for message in ws:
        if isinstance(message, bytes):
            received += len(message)
            while received - reported >= BYTES_PER_SECOND:
                await ws.send(_final(reported / BYTES_PER_SECOND, 1.0))
                reported += BYTES_PER_SECOND
        elif json.loads(message).get("type") == "CloseStream":
            if received > reported:
                await ws.send(
                    _final(reported / BYTES_PER_SECOND, (received - reported) / BYTES_PER_SECOND)
                )
            await ws.send(
                json.dumps(
                    {
                        "type": "Metadata",
                        "request_id": "bench",
                        "duration": received / BYTES_PER_SECOND,
                    }
                )
            )
            await ws.close(1000)
            return


def _serve(port_queue: multiprocessing.Queue[int]) -> None:
    async def main() -> None:
        async with serve(_handler, "127.0.0.1", 0, compression=None, max_size=None) as server:
            port_queue.put(next(iter(server.sockets)).getsockname()[1])
            await asyncio.Future()

    asyncio.run(main())


async def _stream(port: int, seconds: int, chunk_ms: int) -> None:
    settings = resolve_settings(
        api_token="bench-token",
        account_id=ACCOUNT,
        base_url=f"http://127.0.0.1:{port}/client/v4",
        environ={},
    )
    audio = bytes(seconds * BYTES_PER_SECOND)  # one hour of silence, in memory
    chunk = BYTES_PER_SECOND * chunk_ms // 1000
    view = memoryview(audio)
    stream = connect_nova3(settings, encoding="linear16", sample_rate=RATE, close_timeout=600)
    started = time.perf_counter()
    async with stream:
        for offset in range(0, len(audio), chunk):
            await stream.send(view[offset : offset + chunk])
        sent = time.perf_counter()
        await stream.close()
        closed = time.perf_counter()
    events = [event async for event in stream]
    assert isinstance(events[-1], Metadata), "the stream did not end with Metadata"
    total = closed - started
    print(
        f"audio: {seconds / 60:.0f} min linear16 {RATE} Hz, {chunk_ms} ms chunks, "
        f"{len(events)} events"
    )
    print(f"wall time: {total:.2f} s  ->  {seconds / total:.0f}x real time (goal >= 200x)")
    print(f"CloseStream -> final Metadata: {(closed - sent) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--chunk-ms", type=int, default=80)
    args = parser.parse_args()
    ports: multiprocessing.Queue[int] = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(ports,), daemon=True)
    server.start()
    try:
        asyncio.run(_stream(ports.get(timeout=30), args.minutes * 60, args.chunk_ms))
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
