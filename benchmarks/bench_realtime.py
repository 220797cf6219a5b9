"""Live transcription over OpenAI's Realtime protocol: time from the end of speech to
`completed`, through `cfasr gateway` and through the emulator's own `/v1/realtime`, against
nova-3 called directly, in the same run (issue 30, item 6).

Three paths, one emulator with the real engine (so endpointing sees real speech):

* **nova-3 direct** (the baseline): the SDK's `connect_nova3` on the emulator's WebSocket,
  with the options a `server_vad` session maps to (interim results, VAD events, punctuation,
  endpointing at `silence_duration_ms`); the answer is the final result that ends the
  utterance (`is_final` and `speech_final`), the event `completed` is made from.
* **emulator `/v1/realtime`**: openai-python's `client.realtime.connect` with
  `intent=transcription`, `server_vad` at the same silence, pcm16 at 24 kHz; the answer is
  `conversation.item.input_audio_transcription.completed`.
* **gateway `/v1/realtime`**: the same client through `cfasr gateway` (its own process) in
  front of the same emulator.

Each path sends the bundled sentence paced at real time (a 100 ms frame when a microphone
would have recorded it), then silence, until its answer arrives. The end of speech is the
moment the sample's last loud 10 ms was recorded (found in the audio itself, the same
instant on every path); the figure is the answer's arrival minus that moment. The paths
take turns, round by round, so a busy machine slows each alike; the ratios are the medians
against the direct path's median in the same run.

Run alone: ``.venv/bin/python benchmarks/bench_realtime.py [--quick]``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import bench_gateway
import harness
import numpy as np

FRAME_S = 0.1
SILENCE_MS = 500
"""`server_vad`'s `silence_duration_ms` (OpenAI's default), and nova-3's endpointing."""
TAIL_S = 20.0
"""Most silence sent after the speech before a round counts as unanswered (a machine busy
with other work can take seconds to decode)."""
DIRECT_RATE = 16_000
REALTIME_RATE = 24_000
LOUD = 0.02
"""RMS (of full scale) of a 10 ms window that counts as speech, to find where speech ends."""

SESSION: dict[str, Any] = {
    "type": "transcription",
    "audio": {
        "input": {
            "format": {"type": "audio/pcm", "rate": REALTIME_RATE},
            "transcription": {"model": "gpt-4o-transcribe", "language": "en"},
            "turn_detection": {"type": "server_vad", "silence_duration_ms": SILENCE_MS},
        }
    },
}


class Unanswered(Exception):
    """A round whose answer did not come within `TAIL_S` of silence (counted, not timed)."""


def _pcm(rate: int) -> bytes:
    from cfasr_emulator.engine import WEATHER
    from cfasr_ext import pcm16_chunks

    return b"".join(pcm16_chunks(WEATHER.path, sample_rate=rate))


def speech_end_s(pcm: bytes, rate: int) -> float:
    """Where the last loud 10 ms window of `pcm` ends, in seconds."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    window = rate // 100
    count = len(samples) // window
    rms = np.sqrt((samples[: count * window].reshape(count, window) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms >= LOUD)
    return float((loud[-1] + 1) * window / rate) if loud.size else len(samples) / rate


async def _paced(
    send: Callable[[bytes], Awaitable[None]], pcm: bytes, rate: int, answered: asyncio.Event
) -> float:
    """Send `pcm` then silence, each frame when it would have been recorded, until
    `answered`; returns the loop time at which the speech ended."""
    loop = asyncio.get_running_loop()
    frame = int(FRAME_S * rate) * 2
    tail = bytes(frame)
    started = loop.time()
    sent = 0
    audio = pcm + tail * int(TAIL_S / FRAME_S)
    for offset in range(0, len(audio), frame):
        if answered.is_set():
            break
        chunk = audio[offset : offset + frame]
        sent += len(chunk)
        await asyncio.sleep(max(0.0, started + sent / (2 * rate) - loop.time()))
        await send(chunk)
    return started + speech_end_s(pcm, rate)


async def direct(emu: harness.Emulator, pcm: bytes) -> tuple[float, str]:
    """nova-3 through the SDK's `connect_nova3`: seconds from the end of speech to the final
    result that ends the utterance, and its text."""
    from cfasr_ext import Results, connect_nova3, resolve_settings

    settings = resolve_settings(
        api_token=harness.TOKEN, account_id=harness.ACCOUNT_ID, base_url=emu.base_url, environ={}
    )
    loop = asyncio.get_running_loop()
    answered = asyncio.Event()
    arrived: list[float] = []
    text: list[str] = []
    async with connect_nova3(
        settings,
        encoding="linear16",
        sample_rate=DIRECT_RATE,
        interim_results=True,
        vad_events=True,
        punctuate=True,
        endpointing=str(SILENCE_MS),
    ) as stream:

        async def read() -> None:
            async for event in stream:
                if isinstance(event, Results) and event.is_final:
                    text.append(event.transcript)
                    if event.speech_final and not answered.is_set():
                        arrived.append(loop.time())
                        answered.set()

        reader = asyncio.create_task(read())
        speech_end = await _paced(stream.send, pcm, DIRECT_RATE, answered)
        await stream.close()
        await reader
    if not arrived:
        raise Unanswered("nova-3 sent no final result that ends the utterance")
    return arrived[0] - speech_end, " ".join(t for t in text if t)


async def realtime(base_url: str, api_key: str, pcm: bytes) -> tuple[float, str]:
    """openai-python's realtime client: seconds from the end of speech to `completed`, and
    the completed transcript."""
    import openai

    client = openai.AsyncOpenAI(base_url=base_url, api_key=api_key, max_retries=0)
    loop = asyncio.get_running_loop()
    answered = asyncio.Event()
    result: dict[str, Any] = {}
    async with client.realtime.connect(
        model="gpt-4o-transcribe", extra_query={"intent": "transcription"}
    ) as connection:
        await connection.send({"type": "session.update", "session": SESSION})  # type: ignore[arg-type]

        async def read() -> None:
            while True:
                event = json.loads(await connection.recv_bytes())
                kind = event.get("type")
                if kind == "conversation.item.input_audio_transcription.completed":
                    result.update(at=loop.time(), text=event["transcript"])
                    answered.set()
                    return
                if kind == "error":
                    answered.set()
                    raise RuntimeError(f"realtime error event: {event['error']}")

        async def append(chunk: bytes) -> None:
            await connection.input_audio_buffer.append(audio=base64.b64encode(chunk).decode())

        reader = asyncio.create_task(read())
        speech_end = await _paced(append, pcm, REALTIME_RATE, answered)
        await asyncio.wait_for(reader, FRAME_S * 10)
    if "at" not in result:
        raise Unanswered("no completed event")
    return float(result["at"]) - speech_end, str(result["text"])


def run(quick: bool) -> dict[str, Any]:
    """Median seconds from the end of speech to the answer per path, and ratios to direct."""
    from cfasr_emulator.engine import WEATHER

    rounds = 2 if quick else 12
    pcm16k, pcm24k = _pcm(DIRECT_RATE), _pcm(REALTIME_RATE)
    names = ("nova3_direct", "emulator_realtime", "gateway_realtime")
    times: dict[str, list[float]] = {name: [] for name in names}
    unanswered = dict.fromkeys(names, 0)
    texts: dict[str, str] = {}
    with harness.emulator(engine_mode="real") as emu, bench_gateway.gateway(emu) as (url, _):
        emulator_v1 = f"http://127.0.0.1:{emu.port}/v1"
        paths: dict[str, Callable[[], Coroutine[Any, Any, tuple[float, str]]]] = {
            "nova3_direct": lambda: direct(emu, pcm16k),
            "emulator_realtime": lambda: realtime(emulator_v1, harness.TOKEN, pcm24k),
            "gateway_realtime": lambda: realtime(url, bench_gateway.GATEWAY_KEY, pcm24k),
        }
        for number in range(rounds + 1):  # round 0 warms the models, clients and imports
            for name, path in paths.items():
                try:
                    seconds, text = asyncio.run(path())
                except (Unanswered, TimeoutError):
                    unanswered[name] += 1
                    continue
                if number:
                    times[name].append(seconds)
                texts[name] = text
    missing = [name for name, samples in times.items() if not samples]
    if missing:
        raise RuntimeError(f"no round answered on {missing} ({unanswered} unanswered)")
    stats = {name: harness.summary(samples, digits=3) for name, samples in times.items()}
    base = stats["nova3_direct"]["median"]
    return {
        "engine_mode": "real",
        "audio": f"{WEATHER.path.name}, paced at real time in {FRAME_S * 1000:g} ms frames, "
        f"then silence; speech ends at {speech_end_s(pcm16k, DIRECT_RATE):.2f} s",
        "silence_duration_ms": SILENCE_MS,
        "rounds": rounds,
        "seconds_end_of_speech_to_answer": stats,
        "ratios_of_medians": {
            f"{name}/nova3_direct": harness.ratio(s["median"], base)
            for name, s in stats.items()
            if name != "nova3_direct"
        },
        "added_ms_median": {
            name: round((s["median"] - base) * 1000, 1)
            for name, s in stats.items()
            if name != "nova3_direct"
        },
        "unanswered_rounds": unanswered,
        "last_transcripts": texts,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
