"""nova-3 streaming with ``channels=2&multichannel=true``: one recognizer per channel.

The stereo call (``tests/support/stereo.py``) goes over a real socket as interleaved linear16;
each sentence must come back only in Results tagged with its own ``channel_index``, and one
Metadata ends the stream. Without ``multichannel`` the channels are mixed, as Deepgram does
when it is not asked to keep them apart: every Results is ``[0, 1]``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_emulator.ws import OptionProblem, parse_v1
from tests.support.stereo import CHANNEL_WORDS, stereo_call, words_of

from .test_sockets import CLOSE, NOVA, connect, receive_all, send_audio

STEREO = "encoding=linear16&sample_rate=16000&channels=2&endpointing=300"
STEREO_FRAME = 6400  # 100 ms of two-channel 16 kHz linear16


def _final_words(messages: list[dict[str, Any]], channel_index: list[int]) -> set[str]:
    texts = [
        m["channel"]["alternatives"][0]["transcript"]
        for m in messages
        if m["type"] == "Results" and m["is_final"] and m["channel_index"] == channel_index
    ]
    return words_of(" ".join(texts))


async def _stream(emulator: EmulatorHandle, query: str) -> list[dict[str, Any]]:
    async with connect(emulator, NOVA, query) as ws:
        # An odd frame size: frames split mid-sample and mid-channel must still line up.
        await send_audio(ws, stereo_call().pcm, frame=STEREO_FRAME + 3)
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert ws.close_code == 1000
    return messages


async def test_each_channel_is_heard_on_its_own(emulator: EmulatorHandle) -> None:
    messages = await _stream(
        emulator, STEREO + "&multichannel=true&vad_events=true&interim_results=true"
    )
    results = [m for m in messages if m["type"] == "Results"]
    assert {tuple(m["channel_index"]) for m in results} == {(0, 2), (1, 2)}
    started = [m for m in messages if m["type"] == "SpeechStarted"]
    assert {tuple(m["channel"]) for m in started} == {(0, 2), (1, 2)}
    for index, own in enumerate(CHANNEL_WORDS):
        heard = _final_words(messages, [index, 2])
        assert len(heard & set(own)) >= len(own) - 1, (index, heard)
        assert not heard & set(CHANNEL_WORDS[1 - index]), (index, heard)
    metadata = [m for m in messages if m["type"] == "Metadata"]
    assert len(metadata) == 1
    assert messages[-1] is metadata[0]
    assert metadata[0]["channels"] == 2
    assert "multichannel" not in metadata[0].get("options_not_applied", [])
    assert metadata[0]["duration"] == round(stereo_call().duration, 6)


async def test_finalize_naming_a_channel_flushes_only_that_channel(
    emulator: EmulatorHandle,
) -> None:
    async with connect(emulator, NOVA, STEREO + "&multichannel=true") as ws:
        await send_audio(ws, stereo_call().pcm[: 6400 * 10], frame=STEREO_FRAME)
        await ws.send(json.dumps({"type": "Finalize", "channel": 1}))
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    finalized = [m for m in messages if m.get("from_finalize")]
    assert [m["channel_index"] for m in finalized] == [[1, 2]]


async def test_without_multichannel_two_channels_are_mixed(emulator: EmulatorHandle) -> None:
    messages = await _stream(emulator, STEREO)
    results = [m for m in messages if m["type"] == "Results"]
    assert results
    assert {tuple(m["channel_index"]) for m in results} == {(0, 1)}


def test_more_than_eight_channels_only_when_they_are_split() -> None:
    """The emulator mixes at most 8 channels, but split channels are each heard alone."""
    query = [("encoding", "linear16"), ("sample_rate", "16000"), ("channels", "12")]
    options = parse_v1([*query, ("multichannel", "true")])
    assert (options.channels, options.multichannel) == (12, True)
    with pytest.raises(OptionProblem, match="at most 8"):
        parse_v1(query)
