"""One client uploading one file, in a fresh process: wall time, bytes on the wire, peak RSS.

Every upload measurement (``bench_upload``, ``bench_upload_memory``) runs here, one process
per client and file, so one client's memory never inflates another's figure and the emulator
(another process) is not counted. Prints one JSON object.

    .venv/bin/python benchmarks/uploader.py CLIENT FILE BASE_URL [--repeat N]
"""

from __future__ import annotations

import argparse
import base64
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import harness
import httpx

CLIENTS = (
    "cfasr-whisper",
    "httpx-whisper",
    "cloudflare-whisper",
    "cfasr-turbo",
    "cloudflare-turbo",
    "cfasr-nova-3",
)
"""``<library>-<model>``: cfasr sends raw bytes to whisper and nova-3 and streams base64 JSON
to turbo; httpx streams the file raw; the official SDK sends whisper a JSON array of byte
values and turbo (via its untyped keyword arguments) a base64 string."""

MODELS = {
    "whisper": "@cf/openai/whisper",
    "turbo": "@cf/openai/whisper-large-v3-turbo",
    "nova-3": "@cf/deepgram/nova-3",
}
_SAMPLE_INTERVAL_S = 0.005


class _CountingStream(httpx.SyncByteStream):
    def __init__(self, inner: Iterator[bytes], counter: list[int]) -> None:
        self._inner = inner
        self._counter = counter

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._counter[0] += len(chunk)
            yield chunk


class CountingTransport(httpx.HTTPTransport):
    """Counts the HTTP/1.1 bytes of each request (request line, headers, body) as they go out.

    The body is counted chunk by chunk as httpx writes it, so a streamed body stays streamed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.sent = [0]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        target = request.url.raw_path.decode("ascii")
        head = f"{request.method} {target} HTTP/1.1\r\n" + "".join(
            f"{k.decode('latin-1')}: {v.decode('latin-1')}\r\n" for k, v in request.headers.raw
        )
        self.sent[0] += len(head) + 2
        request.stream = _CountingStream(iter(request.stream), self.sent)  # type: ignore[arg-type]
        return super().handle_request(request)


def _rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class PeakRss:
    """Samples a process's RSS every 5 ms, this one unless given a pid (ru_maxrss would keep
    an older high-water mark)."""

    def __init__(self, pid: int | str = "self") -> None:
        self._pid = pid
        self.before = _rss_mb(pid)
        self.peak = self.before
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(_SAMPLE_INTERVAL_S):
            self.peak = max(self.peak, _rss_mb(self._pid))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb(self._pid))

    @property
    def growth_mb(self) -> float:
        return round(self.peak - self.before, 1)


def _uploader(client: str, base_url: str, transport: CountingTransport) -> Callable[[Any], Any]:
    """A function that uploads a path (or, for the warm-up, bytes) with ``client``."""
    library, model_key = client.split("-", 1)
    model = MODELS[model_key]
    if library == "cfasr":
        import cfasr_ext

        sdk = cfasr_ext.Client(
            api_token=harness.TOKEN,
            account_id=harness.ACCOUNT_ID,
            base_url=base_url,
            timeout=600,
            max_retries=0,
            transport=transport,
        )
        methods: dict[str, Callable[[Any], Any]] = {
            "whisper": sdk.whisper.transcribe,
            "turbo": sdk.whisper_large_v3_turbo.transcribe,
            "nova-3": sdk.nova_3.transcribe,
        }
        return methods[model_key]
    if library == "httpx":
        plain = httpx.Client(transport=transport, timeout=600)
        url = f"{base_url}/accounts/{harness.ACCOUNT_ID}/ai/run/{model}"
        headers = {
            "Authorization": f"Bearer {harness.TOKEN}",
            "Content-Type": "application/octet-stream",
        }

        def via_httpx(source: Path | bytes) -> Any:
            if isinstance(source, bytes):
                response = plain.post(url, content=source, headers=headers)
            else:
                with source.open("rb") as handle:
                    response = plain.post(url, content=handle, headers=headers)
            response.raise_for_status()
            return response.json()["result"]

        return via_httpx
    from cloudflare import Cloudflare

    official = Cloudflare(
        api_token=harness.TOKEN,
        base_url=base_url,
        max_retries=0,
        timeout=600,
        http_client=httpx.Client(transport=transport, timeout=600),
    )

    def via_cloudflare(source: Path | bytes) -> Any:
        data = source if isinstance(source, bytes) else source.read_bytes()
        if model_key == "turbo":
            audio: Any = base64.b64encode(data).decode("ascii")
        else:
            audio = list(data)
        return official.ai.run(model, account_id=harness.ACCOUNT_ID, audio=audio)

    return via_cloudflare


def measure(client: str, path: Path, base_url: str, repeat: int) -> dict[str, Any]:
    """Upload ``path`` ``repeat`` times; RSS growth is that of the first upload."""
    transport = CountingTransport()
    upload = _uploader(client, base_url, transport)
    upload(harness.wav_bytes(0.1))  # warm imports and the connection pool
    times = []
    transport.sent[0] = 0
    with PeakRss() as rss:
        started = time.perf_counter()
        upload(path)
        times.append(time.perf_counter() - started)
    wire = transport.sent[0]
    times.extend(harness.time_calls(lambda: upload(path), repeat - 1))
    return {
        "client": client,
        "file_bytes": path.stat().st_size,
        "wire_bytes": wire,
        "seconds": harness.summary(times),
        "peak_rss_growth_mb": rss.growth_mb,
    }


def run_child(client: str, path: Path, base_url: str, repeat: int = 1) -> dict[str, Any]:
    """:func:`measure` in a fresh interpreter; raises if the child fails."""
    done = subprocess.run(
        [sys.executable, __file__, client, str(path), base_url, "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=False,
        cwd=harness.ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{client} upload of {path.name} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("client", choices=CLIENTS)
    parser.add_argument("file", type=Path)
    parser.add_argument("base_url")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(measure(args.client, args.file, args.base_url, args.repeat)))


if __name__ == "__main__":
    main()
