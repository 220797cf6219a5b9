"""Upload efficiency: wall time, bytes on the wire and peak RSS growth per file size.

whisper: cfasr's raw binary body vs plain httpx (raw) vs the official SDK's JSON byte array;
whisper-large-v3-turbo: cfasr's streamed base64 JSON vs the official SDK's base64 string.
The baseline is the loopback limit: the same file through a bare socket (``sendfile``) to a
process that reads and discards it. Each client runs in its own process (``uploader.py``).

Run alone: ``.venv/bin/python benchmarks/bench_upload.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import harness
import uploader

FULL_SIZES_MB = (1, 10, 100)
QUICK_SIZES_MB = (0.25, 1)
FULL_REPEAT = {1: 10, 10: 5, 100: 3}
OFFICIAL_WHISPER_REPEAT = {1: 5, 10: 3, 100: 1}
"""The official SDK's byte array takes ~0.5 s per MB (client and server both walk a list of
numbers), so it gets fewer runs at the large sizes."""
CLIENTS = (
    "cfasr-whisper",
    "httpx-whisper",
    "cloudflare-whisper",
    "cfasr-turbo",
    "cloudflare-turbo",
)


def _sink(port: int) -> None:
    """Accept connections; read an 8-byte length, then that many bytes; answer one byte."""
    with socket.create_server(("127.0.0.1", port)) as server:
        while True:
            connection, _ = server.accept()
            with connection:
                left = int.from_bytes(connection.recv(8, socket.MSG_WAITALL), "big")
                buffer = bytearray(1 << 20)
                while left:
                    got = connection.recv_into(buffer, min(left, len(buffer)))
                    if not got:
                        break
                    left -= got
                connection.sendall(b"k")


def loopback_times(path: Path, repeat: int) -> list[float]:
    """Seconds to push ``path`` through a bare loopback socket into another process."""
    port = harness.free_port()
    sink = subprocess.Popen([sys.executable, __file__, "--sink", str(port)], cwd=harness.ROOT)
    try:
        for _ in range(400):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        size = path.stat().st_size

        def send() -> None:
            with socket.create_connection(("127.0.0.1", port)) as sock, path.open("rb") as f:
                sock.sendall(size.to_bytes(8, "big"))
                sock.sendfile(f)
                sock.recv(1)

        send()  # warm the page cache, as the clients' warm-up did
        return harness.time_calls(send, repeat)
    finally:
        sink.terminate()
        sink.wait()


def _repeat(client: str, size_mb: float, quick: bool) -> int:
    if quick:
        return 2
    key = int(size_mb)
    if client == "cloudflare-whisper":
        return OFFICIAL_WHISPER_REPEAT[key]
    return FULL_REPEAT[key]


def _official_installed() -> bool:
    try:
        import cloudflare  # noqa: F401
    except ImportError:
        return False
    return True


def run(quick: bool) -> dict[str, Any]:
    """One row per (size, client) plus the loopback row; ratios use medians."""
    sizes = QUICK_SIZES_MB if quick else FULL_SIZES_MB
    clients = [c for c in CLIENTS if _official_installed() or not c.startswith("cloudflare")]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="cfasr-bench-") as tmp, harness.emulator() as emu:
        for size_mb in sizes:
            path = harness.write_wav(Path(tmp) / f"{size_mb}MB.wav", int(size_mb * harness.MIB))
            limit = harness.summary(loopback_times(path, 3 if quick else 10))
            rows.append(
                {
                    "client": "loopback-socket",
                    "size_mb": size_mb,
                    "file_bytes": path.stat().st_size,
                    "wire_bytes": path.stat().st_size + 8,
                    "seconds": limit,
                    "peak_rss_growth_mb": None,
                }
            )
            for client in clients:
                row = uploader.run_child(
                    client, path, emu.base_url, _repeat(client, size_mb, quick)
                )
                row["size_mb"] = size_mb
                row["x_loopback_time"] = harness.ratio(row["seconds"]["median"], limit["median"])
                row["wire_per_file_byte"] = harness.ratio(row["wire_bytes"], row["file_bytes"])
                rows.append(row)
            path.unlink()
    return {
        "engine_mode": "skip",
        "note": harness.SKIP_NOTE + "; the emulator still reads, parses and decodes each body",
        "rows": rows,
        "ratios_of_medians": _ratios(rows),
    }


def _ratios(rows: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    by_size: dict[float, dict[str, float]] = {}
    for row in rows:
        by_size.setdefault(row["size_mb"], {})[row["client"]] = row["seconds"]["median"]
    out: dict[str, dict[str, float | None]] = {}
    pairs = (
        ("cfasr-whisper", "httpx-whisper"),
        ("cfasr-whisper", "cloudflare-whisper"),
        ("cfasr-turbo", "cloudflare-turbo"),
        ("cfasr-whisper", "loopback-socket"),
        ("cfasr-turbo", "loopback-socket"),
    )
    for size, medians in by_size.items():
        out[f"{size:g}MB"] = {
            f"{a}/{b}": harness.ratio(medians[a], medians[b])
            for a, b in pairs
            if a in medians and b in medians
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        _sink(args.sink)
        return
    print(json.dumps(run(args.quick), indent=2))


if __name__ == "__main__":
    main()
