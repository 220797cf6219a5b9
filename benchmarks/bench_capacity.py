"""How many live nova-3 streams one emulator serves in real time (issue 16.3).

N sessions stream the bundled speech at once, each paced at real time (a frame is sent when
a microphone would have recorded it) with ``interim_results=true``, against one emulator
with the real engine. Per N it reports: whether every session's finals say the known text,
the p95 latency from the end of an utterance (its last word) to its final, and interims per
second of audio. It also streams one session at full speed (as fast as the socket takes it)
to count its interims. The baseline, measured in the same run, is one paced session: the
figures for N are given as ratios to it, and N "keeps real time" while its finals are all
correct and its p95 latency stays under ``GOAL_P95_S``.

To say what limits N, the same run times the two decodes in this process: a final (the
engine's own window choice, beam 5, word times) and an interim (the quick path: greedy, no
word times) on the sample.

Run: ``python benchmarks/bench_capacity.py [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import json
import math
import re
import statistics
import sys
import time
import wave
from pathlib import Path
from typing import Any

import harness

GOAL_P95_S = 1.5
GOAL_SESSIONS = 8
FRAME_S = 0.1
QUERY = "encoding=linear16&sample_rate=16000&interim_results=true&endpointing=300&punctuate=true"
NOVA = "@cf/deepgram/nova-3"
CLOSE = json.dumps({"type": "CloseStream"})
MATCH_RATIO = 0.9
"""difflib ratio of the words, above which a session's finals count as the known text."""


def _pcm(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        return bytes(w.readframes(w.getnframes()))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def recording(quick: bool) -> tuple[bytes, str]:
    """The audio every session sends and what it says."""
    from cfasr_emulator.engine import TWO_SENTENCES, WEATHER

    if quick:
        return _pcm(WEATHER.path) + bytes(32000), WEATHER.text
    pcm = _pcm(TWO_SENTENCES.path) + _pcm(WEATHER.path) + bytes(32000)
    return pcm, f"{TWO_SENTENCES.text} {WEATHER.text}"


async def one_session(
    emu: harness.Emulator, pcm: bytes, *, paced: bool, delay: float
) -> dict[str, Any]:
    from websockets.asyncio.client import connect

    await asyncio.sleep(delay)
    loop = asyncio.get_running_loop()
    headers = {"Authorization": f"Bearer {harness.TOKEN}"}
    url = f"{emu.websocket_url(NOVA)}?{QUERY}"
    received: list[tuple[float, dict[str, Any]]] = []
    # No keepalive pings: at full speed a ping waits behind the audio the server has not read
    # yet (back-pressure), which on a loaded machine can take longer than the ping timeout.
    async with connect(
        url, additional_headers=headers, max_size=None, compression=None, ping_interval=None
    ) as ws:

        async def read() -> None:
            async for raw in ws:
                received.append((loop.time(), json.loads(raw)))

        reader = asyncio.create_task(read())
        frame = int(FRAME_S * 32000)
        started = loop.time()
        for k in range(0, len(pcm), frame):
            if paced:  # frame k is recorded by the time its last sample is
                await asyncio.sleep(max(0.0, started + (k + frame) / 32000 - loop.time()))
            await ws.send(pcm[k : k + frame])
        await ws.send(CLOSE)
        await reader
    finals, latencies, interims = [], [], 0
    for at, message in received:
        if message.get("type") != "Results":
            continue
        if not message["is_final"]:
            interims += 1
            continue
        alternative = message["channel"]["alternatives"][0]
        finals.append(alternative["transcript"])
        if paced and alternative["words"]:
            latencies.append(at - (started + alternative["words"][-1]["end"]))
    return {"finals": " ".join(finals), "latencies": latencies, "interims": interims}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


async def _run_n(
    emu: harness.Emulator, pcm: bytes, text: str, n: int, *, paced: bool
) -> dict[str, Any]:
    audio_s = len(pcm) / 32000
    spread = audio_s / max(n, 1) if paced else 0.0  # sessions start spread over one recording
    outcomes = await asyncio.gather(
        *(one_session(emu, pcm, paced=paced, delay=i * spread) for i in range(n)),
        return_exceptions=True,
    )
    # A session the server closed early (e.g. its keepalive ping timed out while the session
    # was far behind) counts as one whose finals were not all delivered.
    failed = [repr(o) for o in outcomes if isinstance(o, BaseException)]
    sessions = [o for o in outcomes if not isinstance(o, BaseException)] or [
        {"finals": "", "latencies": [], "interims": 0}
    ]
    expected = _words(text)
    correct = sum(
        difflib.SequenceMatcher(None, _words(s["finals"]), expected).ratio() >= MATCH_RATIO
        for s in sessions
    )
    latencies = [x for s in sessions for x in s["latencies"]]
    row: dict[str, Any] = {
        "sessions": n,
        "paced": paced,
        "finals_correct": f"{correct}/{n}",
        "all_correct": correct == n,
        "interims_per_audio_s": round(sum(s["interims"] for s in sessions) / (n * audio_s), 2),
        "min_interims_per_session": min(s["interims"] for s in sessions),
        "finals_per_session": round(sum(len(s["latencies"]) for s in sessions) / len(sessions), 2),
    }
    if failed:
        row["sessions_failed"] = failed
    if paced and latencies:
        row["p95_final_latency_s"] = round(_p95(latencies), 3)
        row["max_final_latency_s"] = round(max(latencies), 3)
        row["median_final_latency_s"] = round(statistics.median(latencies), 3)
    return row


def decode_costs(repeat: int) -> dict[str, Any]:
    """Seconds of compute per decode of the sample, final path and interim path."""
    import attrs
    import numpy as np

    from cfasr_emulator.engine import WEATHER, DecodeOptions, SpeechEngine

    engine = SpeechEngine()
    engine.preload("tiny.en")
    samples = (np.frombuffer(_pcm(WEATHER.path), dtype=np.int16) / 32768).astype(np.float32)

    def best(call: Any) -> float:
        call()  # warm up
        return min(harness.time_calls(call, repeat))

    final = best(
        lambda: engine.transcribe(
            samples,
            model="tiny.en",
            # A stream's final decode: the spec's defaults with the emulator's stream choices.
            options=attrs.evolve(
                DecodeOptions.for_local_models(), language="en", condition_on_previous_text=False
            ),
        )
    )
    if not hasattr(engine, "transcribe_quick"):  # an emulator from before the quick path
        return {"sample_s": WEATHER.duration, "final_decode_s": round(final, 3)}
    quick = best(lambda: engine.transcribe_quick(samples, model="tiny.en", language="en"))
    return {
        "sample_s": WEATHER.duration,
        "final_decode_s": round(final, 3),
        "interim_decode_s": round(quick, 3),
        "final/interim": harness.ratio(final, quick),
    }


def run(quick: bool) -> dict[str, Any]:
    pcm, text = recording(quick)
    counts = [1, 2] if quick else [1, 2, 3, 4, 6, 8]
    rows: list[dict[str, Any]] = []
    with harness.emulator(engine_mode="real", max_ws_sessions=max(counts) + 2) as emu:
        if not quick:
            asyncio.run(_run_n(emu, pcm, text, 1, paced=True))  # warm the models up
        full_speed = asyncio.run(_run_n(emu, pcm, text, 1, paced=False))
        for n in counts:
            rows.append(asyncio.run(_run_n(emu, pcm, text, n, paced=True)))
            print(f"[capacity] {rows[-1]}", file=sys.stderr, flush=True)
    baseline = rows[0].get("p95_final_latency_s") or None
    for row in rows:
        p95 = row.get("p95_final_latency_s")
        row["p95/one_session"] = harness.ratio(p95, baseline) if p95 and baseline else None
        row["keeps_real_time"] = bool(row["all_correct"] and p95 is not None and p95 <= GOAL_P95_S)
    keeping = [row["sessions"] for row in rows if row["keeps_real_time"]]
    costs = decode_costs(1 if quick else 3)
    audio_s = len(pcm) / 32000
    # Decode seconds one paced session asks of the engine per second of its audio, from the
    # single-session run's counts and this run's decode costs (both under the same load).
    one = rows[0]
    demand = (
        one["finals_per_session"] * costs["final_decode_s"]
        + one["interims_per_audio_s"] * audio_s * costs.get("interim_decode_s", 0.0)
    ) / audio_s
    costs["engine_s_per_audio_s"] = round(demand, 3)
    costs["sessions_the_engine_can_serve"] = round(1 / demand, 2) if demand else None
    return {
        "engine_mode": "real",
        "note": (
            f"{len(pcm) / 32000:.1f} s of speech per session (tiny.en stands in for nova-3), "
            f"100 ms frames paced at real time, sessions starting spread over one recording; "
            f"latency = final received - end of its last word; keeps real time = every "
            f"session's finals match the known text and p95 latency ≤ {GOAL_P95_S:g} s"
        ),
        "audio_s": round(len(pcm) / 32000, 2),
        "goal_sessions": GOAL_SESSIONS,
        "goal_p95_s": GOAL_P95_S,
        "rows": rows,
        "full_speed": full_speed,
        "largest_n_keeping_real_time": max(keeping) if keeping else 0,
        "decode_costs": costs,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 and 2 sessions, one sentence")
    parser.add_argument("--json", action="store_true", help="print the JSON only")
    args = parser.parse_args()
    results = run(args.quick)
    if args.json:
        print(json.dumps(results))
        return 0
    for row in results["rows"]:
        print(row)
    print("full speed:", results["full_speed"])
    print("decode costs:", results["decode_costs"])
    print("largest N keeping real time:", results["largest_n_keeping_real_time"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
