"""Decoding: every container the API accepts, raw PCM, and typed failures on junk."""

from __future__ import annotations

import io
import math
from typing import Literal

import av
import numpy as np
import numpy.typing as npt
import pytest

from cfasr_emulator.engine import (
    SAMPLE_RATE,
    WEATHER,
    AudioDecodeError,
    decode_audio,
    decode_raw,
    resample,
)

Floats = npt.NDArray[np.float32]


@pytest.fixture(scope="module")
def reference() -> Floats:
    return decode_audio(WEATHER.path.read_bytes())


def _encode(
    samples: Floats, *, container: str, codec: str, rate: int, layout: str = "mono"
) -> bytes:
    """Encode with PyAV, as a client would upload it."""
    buf = io.BytesIO()
    with av.open(buf, mode="w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        assert isinstance(stream, av.AudioStream)
        channels = 2 if layout == "stereo" else 1
        pcm = np.ascontiguousarray(np.tile(samples.reshape(1, -1), (channels, 1)))
        frame = av.AudioFrame.from_ndarray(pcm, format="fltp", layout=layout)
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(
            format=stream.codec_context.format.name, layout=layout, rate=rate
        )
        frames = resampler.resample(frame) + resampler.resample(None)
        for f in frames:
            for packet in stream.encode(f):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def _similar(a: Floats, b: Floats, max_lag: int = 4000) -> float:
    """Peak normalised cross-correlation (via FFT), tolerant of encoder delay and padding."""
    n = 1 << (a.size + b.size).bit_length()
    xcorr = np.fft.irfft(np.fft.rfft(b, n) * np.conj(np.fft.rfft(a, n)), n)
    lags = np.concatenate([xcorr[: max_lag + 1], xcorr[-max_lag:]])
    denom = math.sqrt(float(np.dot(a, a)) * float(np.dot(b, b))) or 1.0
    return float(lags.max()) / denom


def test_reference_wav_is_16k_mono(reference: Floats) -> None:
    assert reference.dtype == np.float32
    assert reference.ndim == 1
    assert reference.size / SAMPLE_RATE == pytest.approx(WEATHER.duration, abs=1e-3)
    assert 0.1 < float(np.abs(reference).max()) <= 1.0


CONTAINERS = [
    ("mp3", "mp3", "libmp3lame", 44_100, 0.99),
    ("flac", "flac", "flac", 16_000, 0.999),
    ("ogg/opus", "ogg", "libopus", 48_000, 0.99),
    ("webm", "webm", "libopus", 48_000, 0.99),
    ("m4a", "ipod", "aac", 44_100, 0.95),
    ("wav 44.1k stereo", "wav", "pcm_s16le", 44_100, 0.999),
]


@pytest.mark.parametrize(("label", "container", "codec", "rate", "min_corr"), CONTAINERS)
def test_decodes_container(
    reference: Floats, label: str, container: str, codec: str, rate: int, min_corr: float
) -> None:
    layout = "stereo" if "stereo" in label else "mono"
    data = _encode(reference, container=container, codec=codec, rate=rate, layout=layout)
    decoded = decode_audio(data)
    assert decoded.dtype == np.float32
    assert decoded.ndim == 1
    # Lossy codecs add priming delay and padding, but never more than ~0.1 s here.
    assert abs(decoded.size - reference.size) / SAMPLE_RATE < 0.12, label
    assert _similar(reference, decoded) >= min_corr, label


@pytest.mark.parametrize(
    "junk",
    [
        b"this is definitely not audio, just some text" * 20,
        bytes(range(256)) * 40,
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # truncated WAV header
        b"\x00",
        b'{"audio": [1, 2, 3]}',
    ],
)
def test_junk_raises_typed_error(junk: bytes) -> None:
    with pytest.raises(AudioDecodeError) as info:
        decode_audio(junk)
    assert info.value.message
    assert "'<none>'" not in info.value.message


def test_no_audio_stream_is_reported() -> None:
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="webm") as out:
        stream = out.add_stream("libvpx", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        img = np.zeros((32, 32, 3), dtype=np.uint8)
        for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    with pytest.raises(AudioDecodeError, match="no audio stream"):
        decode_audio(buf.getvalue())


@pytest.mark.parametrize("empty", [b"", bytearray(), memoryview(b"")])
def test_empty_input(empty: bytes | bytearray | memoryview) -> None:
    with pytest.raises(AudioDecodeError, match="empty"):
        decode_audio(empty)
    with pytest.raises(AudioDecodeError, match="empty"):
        decode_raw(empty, encoding="linear16", sample_rate=16_000)


def _raw_with_pyav(samples: Floats, fmt: Literal["s16le", "mulaw"], rate: int) -> bytes:
    codec = "pcm_s16le" if fmt == "s16le" else "pcm_mulaw"
    return _encode(samples, container=fmt, codec=codec, rate=rate)


@pytest.mark.parametrize("rate", [8_000, 16_000, 48_000])
def test_raw_linear16(reference: Floats, rate: int) -> None:
    data = _raw_with_pyav(reference, "s16le", rate)
    decoded = decode_raw(data, encoding="linear16", sample_rate=rate)
    assert abs(decoded.size - reference.size) <= 32
    assert _similar(reference, decoded) > (0.999 if rate >= 16_000 else 0.9)


def test_raw_linear16_is_bit_exact_at_16k(reference: Floats) -> None:
    pcm = (reference * 32768).round().clip(-32768, 32767).astype("<i2")
    decoded = decode_raw(pcm.tobytes(), encoding="linear16", sample_rate=16_000)
    np.testing.assert_array_equal(decoded, pcm.astype(np.float32) / 32768)


def test_raw_linear16_stereo_downmix() -> None:
    left = np.full(1600, 1000, dtype="<i2")
    right = np.full(1600, -3000, dtype="<i2")
    interleaved = np.stack([left, right], axis=1).reshape(-1)
    decoded = decode_raw(interleaved.tobytes(), encoding="linear16", sample_rate=16_000, channels=2)
    assert decoded.size == 1600
    np.testing.assert_allclose(decoded, -1000 / 32768, rtol=1e-6)


@pytest.mark.parametrize("rate", [8_000, 16_000])
def test_raw_mulaw_matches_ffmpeg(reference: Floats, rate: int) -> None:
    data = _raw_with_pyav(reference, "mulaw", rate)
    ours = decode_raw(data, encoding="mulaw", sample_rate=rate)
    wav = io.BytesIO()
    with av.open(wav, mode="w", format="wav") as out:
        stream = out.add_stream("pcm_mulaw", rate=rate, layout="mono")
        packet = av.Packet(data)
        packet.stream = stream
        out.mux(packet)
    theirs = decode_audio(wav.getvalue())
    assert ours.size == theirs.size
    np.testing.assert_allclose(ours, theirs, atol=2e-3)
    assert _similar(reference, ours) > (0.98 if rate == 16_000 else 0.9)


def test_raw_rejects_partial_frames() -> None:
    with pytest.raises(AudioDecodeError, match="whole number"):
        decode_raw(b"\x00\x01\x02", encoding="linear16", sample_rate=16_000)
    with pytest.raises(AudioDecodeError, match="whole number"):
        decode_raw(b"\x00\x01\x02", encoding="mulaw", sample_rate=8_000, channels=2)
    with pytest.raises(AudioDecodeError, match="sample rate"):
        decode_raw(b"\x00\x01", encoding="linear16", sample_rate=0)


def test_resample_keeps_duration() -> None:
    tone = np.sin(2 * np.pi * 440 * np.arange(44_100) / 44_100).astype(np.float32)
    out = resample(tone, 44_100)
    assert abs(out.size - SAMPLE_RATE) <= 32
