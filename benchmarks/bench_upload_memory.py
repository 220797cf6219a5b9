"""Peak RSS growth while uploading a 200 MB file of each kind (goal: under 16 MB).

Runs a local HTTP server (in a child process, so its memory is not counted) that reads and
discards the body, then uploads a sparse 200 MB file: raw to whisper and nova-3, base64 JSON
to whisper-large-v3-turbo. Each upload runs in a fresh process; the number reported is that
process's peak RSS minus its RSS just before the upload.

    .venv/bin/python benchmarks/bench_upload_memory.py [--megabytes 200]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import socket
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GOAL_MB = 16.0
ACCOUNT = "0123456789abcdef0123456789abcdef"


class Discard(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining:
            remaining -= len(self.rfile.read(min(remaining, 1 << 20)))
        payload = json.dumps({"result": {"text": "ok"}, "success": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
        return


def serve(port: int) -> None:
    ThreadingHTTPServer(("127.0.0.1", port), Discard).serve_forever()


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def upload(kind: str, path: str, base_url: str, queue: multiprocessing.Queue[float]) -> None:
    import cfasr_ext

    with cfasr_ext.Client(api_token="bench", account_id=ACCOUNT, base_url=base_url) as client:
        client.whisper.transcribe(b"RIFF\x00\x00\x00\x00WAVE")  # warm imports and the pool
        before = rss_mb()
        peak = [before]
        done = threading.Event()

        def sample() -> None:  # ru_maxrss may be an older high-water mark, so sample instead
            while not done.wait(0.005):
                peak[0] = max(peak[0], rss_mb())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        if kind == "whisper (raw)":
            client.whisper.transcribe(path)
        elif kind == "nova-3 (raw)":
            client.nova_3.transcribe(path)
        else:
            client.whisper_large_v3_turbo.transcribe(path)
        done.set()
        sampler.join()
        queue.put(max(peak[0], rss_mb()) - before)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = multiprocessing.Process(target=serve, args=(port,), daemon=True)
    server.start()
    base_url = f"http://127.0.0.1:{port}/client/v4"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.wav"
        with path.open("wb") as handle:
            handle.write(b"RIFF\x00\x00\x00\x00WAVEfmt ")
            handle.truncate(args.megabytes * 1024 * 1024)
        print(f"upload of {args.megabytes} MB, goal < {GOAL_MB:g} MB peak RSS growth")
        for kind in ("whisper (raw)", "nova-3 (raw)", "turbo (base64 JSON)"):
            queue: multiprocessing.Queue[float] = multiprocessing.Queue()
            worker = multiprocessing.Process(target=upload, args=(kind, str(path), base_url, queue))
            worker.start()
            growth = queue.get(timeout=600)
            worker.join()
            print(f"{kind:22s} {growth:7.1f} MB  ({growth / GOAL_MB:.2f} of goal)")
    server.terminate()


if __name__ == "__main__":
    main()
