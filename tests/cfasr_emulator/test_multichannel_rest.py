"""nova-3 ``multichannel=true`` over REST: each channel of a stereo call transcribed on its own.

The stereo call (``tests/support/stereo.py``) has a different sentence on each channel; with
``multichannel`` each comes back in its own ``results.channels[]`` entry and none of its
words in the other. Without it the channels are mixed down to one result, as before.
"""

from __future__ import annotations

from typing import Any

import pytest

from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_emulator.conftest import post
from tests.support.spec import validate_exchange
from tests.support.stereo import CHANNEL_WORDS, stereo_call, words_of

NOVA_3 = "@cf/deepgram/nova-3"


def _nova3(emulator: EmulatorHandle, body: bytes, content_type: str, **query: str) -> Any:
    response = post(
        emulator, NOVA_3, content=body, headers={"content-type": content_type}, params=query
    )
    assert response.status_code == 200, response.text
    validate_exchange(response)
    return response.json()["result"]


def _assert_channels_apart(result: Any) -> None:
    channels = result["results"]["channels"]
    assert len(channels) == 2
    assert result["metadata"]["channels"] == 2
    heard = [words_of(channel["alternatives"][0]["transcript"]) for channel in channels]
    for index, own in enumerate(CHANNEL_WORDS):
        other = CHANNEL_WORDS[1 - index]
        assert len(heard[index] & set(own)) >= len(own) - 1, (index, heard[index])
        assert not heard[index] & set(other), (index, heard[index])
    warned = {w["parameter"] for w in result["metadata"].get("warnings", [])}
    assert "multichannel" not in warned


@pytest.mark.parametrize("form", ["wav", "linear16"])
def test_multichannel_gives_one_result_per_channel(emulator: EmulatorHandle, form: str) -> None:
    call = stereo_call()
    if form == "wav":
        result = _nova3(emulator, call.wav, "audio/wav", multichannel="true")
    else:
        result = _nova3(
            emulator,
            call.pcm,
            "application/octet-stream",
            multichannel="true",
            encoding="linear16",
            sample_rate="16000",
            channels="2",
        )
    _assert_channels_apart(result)
    for channel in result["results"]["channels"]:
        words = channel["alternatives"][0]["words"]
        assert all(0 <= w["start"] <= w["end"] <= call.duration + 0.05 for w in words)


def test_multichannel_utterances_name_their_channel(emulator: EmulatorHandle) -> None:
    result = _nova3(
        emulator, stereo_call().wav, "audio/wav", multichannel="true", utterances="true"
    )
    utterances = result["results"]["utterances"]
    assert {u["channel"] for u in utterances} == {0, 1}
    assert [u["start"] for u in utterances] == sorted(u["start"] for u in utterances)
    for utterance in utterances:
        other = set(CHANNEL_WORDS[1 - utterance["channel"]])
        assert not words_of(utterance["transcript"]) & other


def test_without_multichannel_the_channels_are_mixed_into_one(emulator: EmulatorHandle) -> None:
    result = _nova3(emulator, stereo_call().wav, "audio/wav")
    assert len(result["results"]["channels"]) == 1
    assert result["metadata"]["channels"] == 1


@pytest.mark.parametrize(
    ("body", "query"),
    [
        (b"RIFF\x00\x00\x00\x00WAVEnot really audio", {}),
        (b"\x01\x02\x03", {"encoding": "linear16", "sample_rate": "16000", "channels": "2"}),
    ],
)
def test_undecodable_multichannel_audio_is_a_bad_request(
    emulator: EmulatorHandle, body: bytes, query: dict[str, str]
) -> None:
    response = post(
        emulator,
        NOVA_3,
        content=body,
        headers={"content-type": "application/octet-stream"},
        params={"multichannel": "true", **query},
    )
    assert response.status_code == 400, response.text
    validate_exchange(response)
    assert response.json()["errors"][0]["code"] == 5006
