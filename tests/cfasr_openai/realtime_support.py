"""Drive `/v1/realtime?intent=transcription` with the real openai-python client.

`transcribe_live` sends a bundled sample as an OpenAI client would (base64 appends of ~80 ms)
and collects every server event until the expected number of `completed` events (or an
`error`) arrives. Waits are bounded by `RECV_BOUND_S` so a broken server fails the test
instead of hanging it; nothing is timed.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import av
import numpy as np
import openai

from cfasr_ext import pcm16_chunks

RECV_BOUND_S = 120.0
CHUNK_S = 0.08


def pcm16_at(path: Path, rate: int) -> bytes:
    """The sample as mono pcm16 at `rate` (the SDK's own decoder resamples it)."""
    return b"".join(pcm16_chunks(path, sample_rate=rate))


def g711(pcm8k: bytes, law: str) -> bytes:
    """pcm16 at 8 kHz → G.711 u-law (`pcmu`) or A-law (`pcma`), with FFmpeg's encoder."""
    codec: Any = av.CodecContext.create("pcm_mulaw" if law == "pcmu" else "pcm_alaw", "w")
    codec.sample_rate = 8000
    codec.layout = "mono"
    codec.format = "s16"
    samples = np.frombuffer(pcm8k, dtype="<i2").reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
    frame.sample_rate = 8000
    packets = [*codec.encode(frame), *codec.encode(None)]
    return b"".join(bytes(packet) for packet in packets)


def silence(seconds: float, rate: int, width: int = 2, fill: int = 0) -> bytes:
    return bytes([fill]) * int(seconds * rate) * width


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def pieces(data: bytes, size: int) -> Iterable[bytes]:
    return (data[i : i + size] for i in range(0, len(data), size))


async def recv(connection: Any) -> dict[str, Any]:
    event = await asyncio.wait_for(connection.recv_bytes(), RECV_BOUND_S)
    parsed: dict[str, Any] = json.loads(event)
    return parsed


async def transcribe_live(
    base_url: str,
    api_key: str,
    audio: bytes,
    *,
    session: dict[str, Any],
    bytes_per_s: int,
    utterances: int,
    commit: bool = False,
    model: str = "gpt-4o-transcribe",
    before_audio: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Every server event of one session, up to the `utterances`-th `completed` (or the
    first `error`)."""
    client = openai.AsyncOpenAI(base_url=base_url, api_key=api_key, max_retries=0)
    seen: list[dict[str, Any]] = []
    async with client.realtime.connect(
        model=model, extra_query={"intent": "transcription"}
    ) as connection:
        seen.append(await recv(connection))
        await connection.send({"type": "session.update", "session": session})  # type: ignore[arg-type]
        seen.append(await recv(connection))
        for event in before_audio or []:
            await connection.send(event)  # type: ignore[arg-type]
        size = int(bytes_per_s * CHUNK_S)
        for chunk in pieces(audio, size):
            encoded = base64.b64encode(chunk).decode()
            await connection.send({"type": "input_audio_buffer.append", "audio": encoded})
        if commit:
            await connection.send({"type": "input_audio_buffer.commit"})
        done = 0
        while done < utterances:
            event = await recv(connection)
            seen.append(event)
            if event["type"] == "error":
                break
            if event["type"] == "conversation.item.input_audio_transcription.completed":
                done += 1
    return seen


def of_type(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == kind]


def completed_text(events: list[dict[str, Any]]) -> str:
    done = of_type(events, "conversation.item.input_audio_transcription.completed")
    return " ".join(e["transcript"] for e in done)


def check_item_order(events: list[dict[str, Any]]) -> None:
    """Every item's deltas come before its `completed`, and spell out its transcript."""
    finished: set[str] = set()
    text: dict[str, str] = {}
    for event in events:
        kind = event["type"]
        if kind == "conversation.item.input_audio_transcription.delta":
            assert event["item_id"] not in finished, f"a delta after its item completed: {event}"
            text[event["item_id"]] = text.get(event["item_id"], "") + event["delta"]
        elif kind == "conversation.item.input_audio_transcription.completed":
            finished.add(event["item_id"])
            assert words(text.get(event["item_id"], "")) == words(event["transcript"]), event
