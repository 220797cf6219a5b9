"""Streaming: 16 kHz linear16 through nova-3 and flux sessions, as fast as the server takes it.

Two servers, each in its own process, each sent the whole one-hour file:

* **the emulator** (skip mode, where the goal of ≥ 200× real time applies): a cfasr session
  vs, as the baseline, a bare ``websockets`` client sending the same 80 ms chunks and
  ``json.loads``-ing every reply. Skip mode detects speech by loudness (the emulator's energy
  VAD) instead of Silero, so the emulator, not its VAD, sets the pace.
* **a bare sink** that answers like skip mode without any audio work (one final/turn update
  per second of audio, the closing message after CloseStream): the client's own ceiling.

× real time is reported for each client and as cfasr's ratio to the bare client's figure
measured in the same run (``x_realtime_vs_bare_websockets``; 1.0 means as fast).

Also: events received per second, time from CloseStream to the last message, and the
protocol's parsing rate on the emulator's messages (vs ``json.loads`` alone on them).

Run alone: ``.venv/bin/python benchmarks/bench_streaming.py [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import harness
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve

RATE = 16_000
BYTES_PER_SECOND = RATE * 2
CHUNK_MS = 80
GOAL_X_REALTIME = 200.0
HOUR_MINUTES = 60
MODELS = {"nova-3": "@cf/deepgram/nova-3", "flux": "@cf/deepgram/flux"}
QUERIES = {
    "nova-3": "encoding=linear16&sample_rate=16000",
    "flux": "encoding=linear16&sample_rate=16000",
}
CLOSE = {"nova-3": '{"type": "CloseStream"}', "flux": '{"type": "CloseStream"}'}


def _audio(seconds: int) -> bytes:
    """Speech-like noise would wake the VAD everywhere; silence with the bundled sentence every
    minute gives both models turns and finals to report, as a meeting would."""
    from cfasr_emulator.engine.samples import WEATHER

    sentence = WEATHER.path.read_bytes()[44:]
    minute = bytearray(BYTES_PER_SECOND * 60)
    minute[: len(sentence)] = sentence
    return bytes(minute) * (seconds // 60) + bytes(minute[: (seconds % 60) * BYTES_PER_SECOND])


def _chunks(audio: bytes) -> list[memoryview]:
    size = BYTES_PER_SECOND * CHUNK_MS // 1000
    view = memoryview(audio)
    return [view[i : i + size] for i in range(0, len(view), size)]


async def _cfasr_session(emu: harness.Emulator, model: str, audio: bytes) -> dict[str, Any]:
    from cfasr_ext._config import resolve_settings
    from cfasr_ext.streaming import connect_flux, connect_nova3

    settings = resolve_settings(
        api_token=harness.TOKEN, account_id=harness.ACCOUNT_ID, base_url=emu.base_url, environ={}
    )
    opener: Callable[..., Any] = connect_nova3 if model == "nova-3" else connect_flux
    stream = opener(settings, encoding="linear16", sample_rate=RATE, close_timeout=600)
    counts = {"events": 0}
    last = [0.0]

    async def consume() -> None:
        async for _ in stream:
            counts["events"] += 1
            last[0] = time.perf_counter()

    started = time.perf_counter()
    async with stream:
        reader = asyncio.create_task(consume())
        for chunk in _chunks(audio):
            await stream.send(chunk)
        sent = time.perf_counter()
        await stream.close()
    await reader
    done = max(last[0], sent)
    return {
        "wall_s": done - started,
        "events": counts["events"],
        "close_to_last_message_s": done - sent,
    }


async def _bare_session(
    emu: harness.Emulator, model: str, audio: bytes
) -> tuple[dict[str, Any], list[str]]:
    url = f"{emu.websocket_url(MODELS[model])}?{QUERIES[model]}"
    headers = {"Authorization": f"Bearer {harness.TOKEN}"}
    messages: list[str] = []
    last = [0.0]
    started = time.perf_counter()
    async with connect(url, additional_headers=headers, max_size=None, compression=None) as ws:

        async def consume() -> None:
            async for message in ws:
                json.loads(message)
                messages.append(str(message))
                last[0] = time.perf_counter()

        reader = asyncio.create_task(consume())
        for chunk in _chunks(audio):
            await ws.send(chunk)
        sent = time.perf_counter()
        await ws.send(CLOSE[model])
        await reader
    done = max(last[0], sent)
    stats = {
        "wall_s": done - started,
        "events": len(messages),
        "close_to_last_message_s": done - sent,
    }
    return stats, messages


def _parse_rates(model: str, messages: list[str], repeat: int) -> dict[str, Any]:
    """Messages per second through the sans-I/O protocol vs through json.loads alone."""
    from cfasr_ext.streaming import (
        FluxStreamOptions,
        ListenV1Protocol,
        ListenV2Protocol,
        Nova3StreamOptions,
    )

    def protocol_parse() -> None:
        if model == "nova-3":
            protocol: Any = ListenV1Protocol(
                Nova3StreamOptions.from_kwargs(encoding="linear16", sample_rate=RATE)
            )
        else:
            protocol = ListenV2Protocol(
                FluxStreamOptions.from_kwargs(encoding="linear16", sample_rate=RATE)
            )
        protocol.connection_made(0.0)
        for message in messages:
            protocol.receive(message)

    def json_parse() -> None:
        for message in messages:
            json.loads(message)

    sdk = min(harness.time_calls(protocol_parse, repeat))
    bare = min(harness.time_calls(json_parse, repeat))
    return {
        "messages": len(messages),
        "protocol_per_s": round(len(messages) / sdk),
        "json_loads_per_s": round(len(messages) / bare),
        "protocol/json_loads_time": harness.ratio(sdk, bare),
    }


def _sink_messages(model: str, second: int) -> str:
    if model == "nova-3":
        return json.dumps(
            {
                "type": "Results",
                "channel_index": [0, 1],
                "start": float(second),
                "duration": 1.0,
                "is_final": True,
                "speech_final": False,
                "channel": {"alternatives": [{"transcript": "", "confidence": 0.0, "words": []}]},
            }
        )
    return json.dumps(
        {
            "type": "TurnInfo",
            "event": "Update",
            "request_id": "sink",
            "sequence_id": second + 1,
            "turn_index": 0,
            "audio_window_start": 0.0,
            "audio_window_end": float(second + 1),
            "transcript": "",
            "words": [],
            "end_of_turn_confidence": 0.0,
        }
    )


async def _sink_handler(ws: ServerConnection) -> None:
    model = "flux" if "flux" in (ws.request.path if ws.request else "") else "nova-3"
    received = reported = 0
    if model == "flux":
        await ws.send(json.dumps({"type": "Connected", "request_id": "sink", "sequence_id": 0}))
    async for message in ws:
        if isinstance(message, bytes):
            received += len(message)
            while received - reported >= BYTES_PER_SECOND:
                await ws.send(_sink_messages(model, reported // BYTES_PER_SECOND))
                reported += BYTES_PER_SECOND
        elif json.loads(message).get("type") == "CloseStream":
            if model == "nova-3":
                closing = {
                    "type": "Metadata",
                    "request_id": "sink",
                    "duration": received / 2 / RATE,
                }
            else:
                closing = json.loads(_sink_messages(model, reported // BYTES_PER_SECOND))
                closing["event"] = "EndOfTurn"
            await ws.send(json.dumps(closing))
            await ws.close(1000)
            return


def _sink(port: int) -> None:
    async def main() -> None:
        async with serve(_sink_handler, "127.0.0.1", port, compression=None, max_size=None):
            await asyncio.Future()

    asyncio.run(main())


@contextlib.contextmanager
def sink() -> Iterator[harness.Emulator]:
    """The bare sink in a child process, addressed like the emulator."""
    port = harness.free_port()
    process = subprocess.Popen([sys.executable, __file__, "--sink", str(port)], cwd=harness.ROOT)
    try:
        harness.wait_for_port(port, process)
        yield harness.Emulator(f"http://127.0.0.1:{port}/client/v4", port, "sink", ())
    finally:
        process.terminate()
        process.wait()


def _summarise(runs: list[dict[str, Any]], audio_s: float) -> dict[str, Any]:
    walls = [r["wall_s"] for r in runs]
    median = statistics.median(walls)
    return {
        "wall_s": harness.summary(walls, digits=4),
        "x_realtime_best": round(audio_s / min(walls), 1),
        "x_realtime_median": round(audio_s / median, 1),
        "events": runs[0]["events"],
        "events_per_s_median": round(runs[0]["events"] / median),
        "close_to_last_message_s": harness.summary(
            [r["close_to_last_message_s"] for r in runs], digits=4
        ),
    }


def _compare(
    sdk_runs: list[dict[str, Any]], bare_runs: list[dict[str, Any]], audio_s: float
) -> dict[str, Any]:
    """cfasr against the bare client on the same server, as the report shows them."""
    sdk = _summarise(sdk_runs, audio_s)
    bare = _summarise(bare_runs, audio_s)
    return {
        "cfasr": sdk,
        "bare_websockets": bare,
        "cfasr/bare_websockets_time": harness.ratio(
            sdk["wall_s"]["median"], bare["wall_s"]["median"]
        ),
        "x_realtime_vs_bare_websockets": harness.ratio(
            sdk["x_realtime_median"], bare["x_realtime_median"]
        ),
        "meets_goal": sdk["x_realtime_median"] >= GOAL_X_REALTIME,
    }


async def _against_emulator(audio: bytes, repeat: int) -> dict[str, Any]:
    seconds = len(audio) // BYTES_PER_SECOND
    out: dict[str, Any] = {"audio_seconds": seconds}
    with harness.emulator(max_ws_sessions=4) as emu:
        for model in MODELS:
            sdk_runs, bare_runs = [], []
            messages: list[str] = []
            for _ in range(repeat):
                sdk_runs.append(await _cfasr_session(emu, model, audio))
                stats, messages = await _bare_session(emu, model, audio)
                bare_runs.append(stats)
            out[model] = _compare(sdk_runs, bare_runs, seconds)
            # Each call takes a few ms, about a scheduler time slice: on a busy machine most
            # calls are interrupted, so the minimum needs more than a handful of them.
            out[model]["parsing"] = _parse_rates(model, messages, 25)
    return out


async def _against_sink(audio: bytes, repeat: int) -> dict[str, Any]:
    seconds = len(audio) // BYTES_PER_SECOND
    out: dict[str, Any] = {"audio_seconds": seconds}
    with sink() as server:
        for model in MODELS:
            sdk_runs, bare_runs = [], []
            for _ in range(repeat):  # in turns, as on the emulator: load drift hits both alike
                sdk_runs.append(await _cfasr_session(server, model, audio))
                bare_runs.append((await _bare_session(server, model, audio))[0])
            out[model] = _compare(sdk_runs, bare_runs, seconds)
    return out


def run(quick: bool) -> dict[str, Any]:
    minutes, repeat = (2, 1) if quick else (HOUR_MINUTES, 5)
    audio = _audio(minutes * 60)
    return {
        "engine_mode": "skip",
        "note": harness.SKIP_NOTE,
        "chunks": f"linear16 {RATE} Hz mono, {CHUNK_MS} ms chunks",
        "goal_x_realtime": GOAL_X_REALTIME,
        "emulator": asyncio.run(_against_emulator(audio, repeat)),
        "sink": asyncio.run(_against_sink(audio, repeat)),
    }


def ratio_lines(results: dict[str, Any]) -> list[str]:
    """One line per server and model: × real time of both clients and cfasr's ratio."""
    lines = []
    for where in ("emulator", "sink"):
        part = results[where]
        for model in MODELS:
            r = part[model]
            lines.append(
                f"{where} {model} ({part['audio_seconds'] / 60:g} min): "
                f"cfasr {r['cfasr']['x_realtime_median']}x, "
                f"bare websockets {r['bare_websockets']['x_realtime_median']}x real time "
                f"(cfasr/bare = {r['x_realtime_vs_bare_websockets']}; "
                f"goal {GOAL_X_REALTIME:g}x {'met' if r['meets_goal'] else 'NOT met'})"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        _sink(args.sink)
        return
    results = run(args.quick)
    print(json.dumps(results, indent=2))
    for line in ratio_lines(results):
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
