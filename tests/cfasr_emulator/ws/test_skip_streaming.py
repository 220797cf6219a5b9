"""Streaming in the labelled skip-recognition mode, over a real socket on 127.0.0.1.

Skip mode detects speech by loudness (the energy VAD) and hands the recognizer every frame
already waiting in one worker call. Neither may change what the client receives: the
messages equal those of the sans-I/O recognizer fed one frame at a time, stay labelled as
skipped, and validate against openapi.yaml.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest
import websockets

from cfasr_emulator.engine import NullEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_emulator.ws import (
    EngineTranscriber,
    FluxRecognizer,
    NovaRecognizer,
    Recognizer,
    parse_v1,
    parse_v2,
)

from .conftest import assert_valid, chunks

NOVA = "@cf/deepgram/nova-3"
FLUX = "@cf/deepgram/flux"
NOVA_QUERY = "encoding=linear16&sample_rate=16000&vad_events=true&endpointing=300"
FLUX_QUERY = "encoding=linear16&sample_rate=16000"
FRAME_BYTES = 2560
CLOSE = json.dumps({"type": "CloseStream"})


@pytest.fixture(scope="module")
def skip_emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as handle:
        yield handle


@pytest.fixture(scope="module")
def two_sentences_stream(two_sentences_pcm: bytes) -> list[bytes]:
    """The sample twice with a second of silence after each, in 80 ms frames."""
    return chunks((two_sentences_pcm + bytes(32000)) * 2, FRAME_BYTES)


async def over_socket(emu: EmulatorHandle, model: str, query: str, frames: list[bytes]) -> Any:
    """Send every frame before reading anything, so frames queue up in the server."""
    url = f"{emu.websocket_url(model)}?{query}"
    async with websockets.connect(url, additional_headers=emu.auth_headers) as ws:
        for frame in frames:
            await ws.send(frame)
        await ws.send(CLOSE)
        messages = [json.loads(raw) async for raw in ws]
    assert ws.close_code == 1000
    for message in messages:
        assert_valid(message)
    return messages


def one_frame_at_a_time(recognizer: Recognizer, frames: list[bytes]) -> list[dict[str, Any]]:
    messages = list(recognizer.opening().messages)
    for frame in frames:
        messages += recognizer.feed_audio(frame, allow_interim=True).messages
    return messages + list(recognizer.feed_text(CLOSE).messages)


def without_ids(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop what differs per connection (request id, creation time); keep all the rest."""
    volatile = {"request_id", "created", "metadata"}
    return [{k: v for k, v in m.items() if k not in volatile} for m in messages]


async def test_nova3_skip_stream_matches_the_recognizer_frame_by_frame(
    skip_emulator: EmulatorHandle, two_sentences_stream: list[bytes]
) -> None:
    received = await over_socket(skip_emulator, NOVA, NOVA_QUERY, two_sentences_stream)
    options = parse_v1(parse_qsl(NOVA_QUERY))
    transcriber = EngineTranscriber(NullEngine(), model=options.model, language="en")
    direct = NovaRecognizer(
        options, transcriber, request_id="r", created="c", recognition_skipped=True
    )
    assert without_ids(received) == without_ids(one_frame_at_a_time(direct, two_sentences_stream))


async def test_nova3_skip_stream_finds_each_sentence_and_says_it_skipped(
    skip_emulator: EmulatorHandle, two_sentences_stream: list[bytes]
) -> None:
    messages = await over_socket(skip_emulator, NOVA, NOVA_QUERY, two_sentences_stream)
    started = [m["timestamp"] for m in messages if m["type"] == "SpeechStarted"]
    assert started == pytest.approx([0.25, 4.8, 9.55, 14.1], abs=0.15)
    finals = [m for m in messages if m["type"] == "Results"]
    assert sum(m["speech_final"] for m in finals) == 4
    assert {m["metadata"]["model_info"]["name"] for m in finals} == {"skip-recognition"}
    assert {m["channel"]["alternatives"][0]["transcript"] for m in finals} == {""}
    assert messages[-1]["type"] == "Metadata"
    assert messages[-1]["recognition_skipped"] is True


async def test_flux_skip_stream_matches_the_recognizer_frame_by_frame(
    skip_emulator: EmulatorHandle, two_sentences_stream: list[bytes]
) -> None:
    received = await over_socket(skip_emulator, FLUX, FLUX_QUERY, two_sentences_stream)
    options = parse_v2(parse_qsl(FLUX_QUERY))
    transcriber = EngineTranscriber(NullEngine(), model="tiny.en", language="en")
    direct = FluxRecognizer(options, transcriber, request_id="r", recognition_skipped=True)
    assert without_ids(received) == without_ids(one_frame_at_a_time(direct, two_sentences_stream))
    turns = [m["event"] for m in received if m.get("event") in ("StartOfTurn", "EndOfTurn")]
    assert turns == ["StartOfTurn", "EndOfTurn"] * 4
