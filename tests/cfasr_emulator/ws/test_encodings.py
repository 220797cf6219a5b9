"""nova-3's ``encoding`` values: decoded, or refused, the same way on the POST and the stream.

The recording is re-encoded here (numpy for PCM, PyAV's encoders for G.711 and AMR), sent
to a real emulator both ways, and must come back as the same words.
"""

from __future__ import annotations

import io
from typing import Any

import av
import httpx
import numpy as np
import pytest

from cfasr_emulator.testing import EmulatorHandle

from .test_sockets import CLOSE, NOVA, connect, receive_all, refusal, send_audio

RATE = 16000


def _samples(pcm16: bytes) -> np.ndarray[Any, np.dtype[np.int16]]:
    return np.frombuffer(pcm16, dtype="<i2")


def _frame(pcm16: bytes) -> av.AudioFrame:
    frame = av.AudioFrame.from_ndarray(_samples(pcm16).reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = RATE
    return frame


def _g711(codec: str, pcm16: bytes) -> bytes:
    context: Any = av.CodecContext.create(codec, "w")
    context.sample_rate = RATE
    context.layout = "mono"
    context.format = "s16"
    packets = [*context.encode(_frame(pcm16)), *context.encode(None)]
    return b"".join(bytes(packet) for packet in packets)


def _amr_nb(pcm16: bytes) -> bytes:
    """AMR-NB in its storage format (``#!AMR`` header), 8 kHz as the codec requires."""
    out = io.BytesIO()
    with av.open(out, "w", format="amr") as container:
        stream: Any = container.add_stream("libopencore_amrnb", rate=8000)
        stream.layout = "mono"
        stream.bit_rate = 12200
        resampler = av.AudioResampler(format="s16", layout="mono", rate=8000)
        for frame in resampler.resample(_frame(pcm16)):
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def encoded(encoding: str, pcm16: bytes) -> bytes:
    if encoding == "linear32":
        return (_samples(pcm16).astype("<i4") << 16).tobytes()
    if encoding == "alaw":
        return _g711("pcm_alaw", pcm16)
    if encoding == "mulaw":
        return _g711("pcm_mulaw", pcm16)
    assert encoding == "amr-nb"
    return _amr_nb(pcm16)


def _query(encoding: str) -> str:
    return f"encoding={encoding}" + ("" if encoding == "amr-nb" else f"&sample_rate={RATE}")


def rest_transcript(emu: EmulatorHandle, query: str, audio: bytes) -> str:
    response = httpx.post(
        f"{emu.model_url(NOVA)}?{query}",
        content=audio,
        headers={**emu.auth_headers, "content-type": "application/octet-stream"},
        timeout=120.0,
    )
    assert response.status_code == 200, response.text
    channel = response.json()["result"]["results"]["channels"][0]
    return str(channel["alternatives"][0]["transcript"])


async def stream_transcript(emu: EmulatorHandle, query: str, audio: bytes) -> str:
    async with connect(emu, NOVA, query) as ws:
        await send_audio(ws, audio, frame=1600)
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert ws.close_code == 1000
    finals = [m for m in messages if m["type"] == "Results" and m["is_final"]]
    return " ".join(m["channel"]["alternatives"][0]["transcript"] for m in finals)


@pytest.mark.parametrize("encoding", ["mulaw", "amr-nb"])
async def test_an_encoding_is_heard_alike_on_rest_and_the_websocket(
    emulator: EmulatorHandle, weather_pcm: bytes, encoding: str
) -> None:
    audio = encoded(encoding, weather_pcm + bytes(RATE))
    query = _query(encoding)
    rest = rest_transcript(emulator, query, audio)
    streamed = await stream_transcript(emulator, query, audio)
    assert "weather" in rest.lower()
    assert "weather" in streamed.lower()


@pytest.mark.parametrize("encoding", ["linear32", "alaw"])
async def test_a_streaming_only_encoding_is_heard_on_the_websocket_and_refused_over_rest(
    emulator: EmulatorHandle, weather_pcm: bytes, encoding: str
) -> None:
    # Deepgram's pre-recorded API (and Cloudflare's schema) list no linear32 or alaw: only
    # its streaming API takes them (openapi.yaml: Nova3Encoding vs Nova3StreamEncoding).
    audio = encoded(encoding, weather_pcm + bytes(RATE))
    query = _query(encoding)
    refused = httpx.post(
        f"{emulator.model_url(NOVA)}?{query}",
        content=audio,
        headers={**emulator.auth_headers, "content-type": "application/octet-stream"},
        timeout=120.0,
    )
    assert refused.status_code == 400, refused.text
    assert "'/encoding'" in refused.json()["errors"][0]["message"]
    streamed = await stream_transcript(emulator, query, audio)
    assert "weather" in streamed.lower()


def test_linear32_and_alaw_decode_to_the_same_samples_as_linear16(weather_pcm: bytes) -> None:
    from cfasr_emulator.engine import decode_raw

    reference = decode_raw(weather_pcm, encoding="linear16", sample_rate=RATE)
    wide = decode_raw(encoded("linear32", weather_pcm), encoding="linear32", sample_rate=RATE)
    alaw = decode_raw(encoded("alaw", weather_pcm), encoding="alaw", sample_rate=RATE)
    assert np.array_equal(wide, reference)
    assert float(np.max(np.abs(alaw - reference))) < 0.02  # 8-bit companding error


@pytest.mark.parametrize("encoding", ["speex", "g729"])
async def test_an_encoding_still_refused_is_refused_alike_and_says_why(
    emulator: EmulatorHandle, weather_pcm: bytes, encoding: str
) -> None:
    query = f"encoding={encoding}&sample_rate=8000"
    response = httpx.post(
        f"{emulator.model_url(NOVA)}?{query}",
        content=weather_pcm,
        headers={**emulator.auth_headers, "content-type": "application/octet-stream"},
        timeout=60.0,
    )
    status, body = await refusal(emulator, NOVA, query, emulator.auth_headers)
    assert response.status_code == status == 400
    rest_error, ws_error = response.json()["errors"][0], body["errors"][0]
    assert rest_error["code"] == ws_error["code"] == 5006
    assert rest_error["message"].rsplit(" (", 1)[0] == ws_error["message"].rsplit(" (", 1)[0]
    assert (
        f"'{encoding}' is valid for Cloudflare but the local emulator does not decode it"
        in (ws_error["message"])
    )
