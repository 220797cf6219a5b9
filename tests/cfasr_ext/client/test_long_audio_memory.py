"""Chunked transcription keeps memory flat: a 20-minute recording is decoded to a temporary
file, not into memory, so the client process grows by a few pieces, not by the recording.

The client runs in a fresh process (its peak RSS is the measure) against a local server
that answers each WAV piece with one word spanning the piece, so the stitched words must
tile the whole recording with absolute times.
"""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import textwrap
import threading
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

RATE = 16_000
LONG_SECONDS = 20 * 60
WARM_UP_SECONDS = 70
GROWTH_LIMIT_MB = 40.0
"""The decoded recording alone is 38 MB of 16-bit PCM (77 MB as float32); pieces are ~1 MB."""

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="peak RSS comes from the POSIX resource module"
)

CHILD = textwrap.dedent(
    """
    import json, resource, sys
    import cfasr_ext

    def peak_mb():
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10

    base_url, warm_up, recording = sys.argv[1:4]
    with cfasr_ext.Client(
        api_token="t", account_id="0123456789abcdef0123456789abcdef", base_url=base_url
    ) as client:
        client.transcribe(warm_up, model="whisper", chunking=True, max_workers=4)
        before = peak_mb()
        transcript = client.transcribe(recording, model="whisper", chunking=True, max_workers=4)
        after = peak_mb()
    words = [(word.start, word.end) for word in transcript.words]
    print(json.dumps({"growth_mb": after - before, "words": words,
                      "duration": transcript.duration}))
    """
)


def write_bursts(path: Path, seconds: int) -> None:
    """Each second: a 0.6 s tone burst (a "word") then 0.4 s of faint noise, written one
    second at a time so the test itself never holds the recording."""
    rng = np.random.default_rng(3)
    time = np.arange(RATE) / RATE
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        for second in range(seconds):
            samples = rng.normal(0.0, 60.0, RATE)
            tone = 8000.0 * np.sin(2 * np.pi * (200 + 7 * (second % 50)) * time)
            samples[: RATE * 6 // 10] += tone[: RATE * 6 // 10]
            out.writeframes(np.round(samples).astype("<i2").tobytes())


def piece_reply(body: bytes) -> bytes:
    """A whisper result with one word from the start to the end of the WAV piece."""
    with wave.open(io.BytesIO(body)) as piece:
        seconds = piece.getnframes() / piece.getframerate()
    word = {"word": "piece", "start": 0.0, "end": seconds}
    return json.dumps(
        {"result": {"text": "piece", "words": [word]}, "success": True, "errors": []}
    ).encode()


@contextmanager
def serve_pieces() -> Iterator[str]:
    """A local server that answers every POSTed WAV piece with `piece_reply`; its base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            payload = piece_reply(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def piece_server() -> Iterator[str]:
    with serve_pieces() as base_url:
        yield base_url


def test_a_twenty_minute_recording_is_chunked_without_holding_it_in_memory(
    piece_server: str, tmp_path: Path
) -> None:
    warm_up, recording = tmp_path / "warm.wav", tmp_path / "long.wav"
    write_bursts(warm_up, WARM_UP_SECONDS)
    write_bursts(recording, LONG_SECONDS)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, piece_server, str(warm_up), str(recording)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    words = result["words"]
    assert len(words) >= LONG_SECONDS * RATE * 2 // 1_000_000
    assert words[0][0] == 0.0
    assert all(abs(a[1] - b[0]) < 1e-6 for a, b in itertools.pairwise(words))
    assert all(start % 1.0 > 0.6 for start, _ in words[1:]), "a cut fell inside a burst"
    assert words[-1][1] == pytest.approx(LONG_SECONDS)
    assert result["duration"] == pytest.approx(LONG_SECONDS)
    assert result["growth_mb"] < GROWTH_LIMIT_MB, result["growth_mb"]
