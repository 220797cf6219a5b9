"""A WAV of 8 or more channels to nova-3 with multichannel=true (issue 29, item 1).

PyAV reports the wrong number of planes for planar audio from 8 channels on, and reading
them segfaulted the emulator: one 256 KB request killed the process and every stream with
it. The emulator runs as a process of its own here, so a crash is seen as one.
"""

from __future__ import annotations

import io
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID
from tests.support.emulators import emulator_process

ROOT = Path(__file__).resolve().parents[2]
NOVA = "@cf/deepgram/nova-3"


def wav(channels: int, size: int = 256 * 1024) -> bytes:
    """``size`` bytes of 16-bit PCM, each channel a different steady level."""
    frames = size // (2 * channels)
    pcm = np.tile((np.arange(channels, dtype="<i2") + 1) * 1000, (frames, 1))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(pcm.astype("<i2").tobytes())
    return buffer.getvalue()


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    with emulator_process() as (process, port):
        yield (
            process,
            f"http://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/{NOVA}",
        )


def send(url: str, body: bytes) -> httpx.Response:
    return httpx.post(
        url,
        params={"multichannel": "true"},
        content=body,
        headers={"Authorization": "Bearer t", "Content-Type": "audio/wav"},
        timeout=60,
    )


@pytest.mark.parametrize("channels", [8, 12, 16])
def test_a_wav_of_many_channels_is_transcribed_per_channel(
    server: tuple[subprocess.Popen[bytes], str], channels: int
) -> None:
    process, url = server
    response = send(url, wav(channels))
    assert process.poll() is None, f"the emulator died (exit {process.returncode})"
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert result["metadata"]["channels"] == channels
    assert len(result["results"]["channels"]) == channels


def test_more_channels_than_the_limit_are_refused_before_decoding(
    server: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, url = server
    response = send(url, wav(17))
    assert process.poll() is None
    assert response.status_code == 400, response.text
    assert "at most 16" in response.json()["errors"][0]["message"]
