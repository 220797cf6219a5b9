"""The decoded-audio cap (``max_audio_seconds``): a small upload that expands to hours of
samples is refused while it is being decoded, so the emulator's memory stays bounded.

Before the cap, a 0.66 MB FLAC of one hour of silence was decoded in full (230 MB of
float32 samples, over 460 MB at the peak) and then transcribed.
"""

from __future__ import annotations

import io
from pathlib import Path

import av
import httpx
import numpy as np
import pytest
from cfasr_client.contract import EMULATOR_LIMITS

from cfasr_emulator.__main__ import build_parser, config_from_args
from cfasr_emulator.config import ServerConfig
from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID, run_emulator
from tests.cfasr_emulator.conftest import post
from tests.cfasr_emulator.ws.test_sockets import CLOSE, FLUX, NOVA, connect, receive_all
from tests.support.emulators import emulator_process
from tests.support.spec import validate_exchange

AUDIO_CAP_REASON = str(EMULATOR_LIMITS["max_audio_seconds"].close_reason)

ROOT = Path(__file__).resolve().parents[2]
WHISPER = "@cf/openai/whisper"
CAP_S = 20.0


def silence_flac(seconds: int, rate: int = 8000) -> bytes:
    """``seconds`` of silence as FLAC: about 180 bytes a second, whatever the length."""
    out = io.BytesIO()
    with av.open(out, mode="w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono")
        block = np.zeros((1, rate * 10), dtype=np.int16)
        for _ in range(seconds // 10):
            frame = av.AudioFrame.from_ndarray(block, format="s16", layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def test_the_cap_has_a_default_and_a_flag() -> None:
    assert ServerConfig().max_audio_seconds == 1800
    args = build_parser().parse_args(["--max-audio-seconds", "90"])
    assert config_from_args(args).max_audio_seconds == 90
    with pytest.raises(ValueError, match="positive"):
        ServerConfig(max_audio_seconds=0)


def test_audio_over_the_cap_is_413_3006_and_under_it_passes() -> None:
    with run_emulator(engine_mode="skip", max_audio_seconds=CAP_S) as emu:
        refused = post(emu, WHISPER, content=silence_flac(60))
        accepted = post(emu, WHISPER, content=silence_flac(10))
    assert refused.status_code == 413, refused.text
    assert refused.json()["errors"][0]["code"] == 3006
    assert "longer than the limit of 20 seconds" in refused.json()["errors"][0]["message"]
    validate_exchange(refused)
    assert accepted.status_code == 200, accepted.text


def test_raw_audio_over_the_cap_is_refused_before_decoding() -> None:
    # 8 kHz mu-law: one byte a second of audio per 8000; 30 s is 240 KB.
    with run_emulator(engine_mode="skip", max_audio_seconds=CAP_S) as emu:
        refused = post(
            emu,
            NOVA,
            content=bytes(8000 * 30),
            params={"encoding": "mulaw", "sample_rate": "8000"},
            headers={"Content-Type": "audio/mulaw"},
        )
    assert refused.status_code == 413, refused.text
    assert refused.json()["errors"][0]["code"] == 3006


@pytest.mark.parametrize("model", [NOVA, FLUX])
async def test_a_websocket_session_past_the_cap_closes_with_the_cap_reason(model: str) -> None:
    second = bytes(32_000)  # one second of 16 kHz linear16
    with run_emulator(engine_mode="skip", max_audio_seconds=3) as emu:
        async with connect(emu, model) as ws:
            for _ in range(5):
                await ws.send(second)
            await ws.send(CLOSE)
            await receive_all(ws)
    # Not Deepgram's DATA-0000 ("undecodable audio"): the audio decoded, the emulator's
    # own cap (declared in openapi.yaml) ended the session.
    assert (ws.close_code, ws.close_reason) == (1008, AUDIO_CAP_REASON)
    assert AUDIO_CAP_REASON.startswith("AUDIO-CAP")


async def test_a_container_stream_past_the_cap_closes_with_the_cap_reason() -> None:
    with run_emulator(engine_mode="skip", max_audio_seconds=CAP_S) as emu:
        async with connect(emu, NOVA, "") as ws:
            await ws.send(silence_flac(60))
            await ws.send(CLOSE)
            await receive_all(ws)
    # Not Deepgram's DATA-0000 ("undecodable audio"): the audio decoded, the emulator's
    # own cap (declared in openapi.yaml) ended the session.
    assert (ws.close_code, ws.close_reason) == (1008, AUDIO_CAP_REASON)
    assert AUDIO_CAP_REASON.startswith("AUDIO-CAP")


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_an_hour_of_flac_silence_does_not_blow_up_the_default_emulator() -> None:
    """The default emulator, as a process of its own: its peak RSS is what the bomb adds."""
    bomb = silence_flac(3600)
    assert len(bomb) < 1_000_000
    headers = {"Authorization": "Bearer t"}
    with emulator_process() as (server, port):
        url = f"http://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/{WHISPER}"
        httpx.post(url, content=silence_flac(10), headers=headers)  # warm: imports
        before = _peak_rss(server.pid)
        answer = httpx.post(url, content=bomb, headers=headers, timeout=120)
        grown = _peak_rss(server.pid) - before
    assert answer.status_code == 413, answer.text
    # 30 minutes of float32 is 115 MB; uncapped, the hour peaked at over 460 MB.
    assert grown < 300 * 1024 * 1024, f"peak RSS grew by {grown / 2**20:.0f} MiB"
