"""Peak RSS growth of cfasr while uploading a 500 MB file to nova-3 (raw) and a 200 MB file to
whisper-large-v3-turbo (streamed base64 JSON). Goal: under 16 MB each.

Each upload runs in a fresh process (``uploader.py``); the figure is that process's peak RSS,
sampled every 5 ms, minus its RSS just before the upload (after a warm-up request).

Run alone: ``.venv/bin/python benchmarks/bench_upload_memory.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import harness
import uploader

GOAL_MB = 16.0
FULL = (("cfasr-nova-3", 500), ("cfasr-turbo", 200))
QUICK = (("cfasr-nova-3", 16), ("cfasr-turbo", 8))
NOVA_RATE, NOVA_CHANNELS = 48_000, 2
"""The big nova-3 file is 48 kHz stereo so that the emulator decodes 45 minutes, not 4 hours."""


def run(quick: bool) -> dict[str, Any]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="cfasr-bench-") as tmp, harness.emulator() as emu:
        for client, size_mb in QUICK if quick else FULL:
            path = harness.write_wav(
                Path(tmp) / f"{client}-{size_mb}MB.wav",
                size_mb * harness.MIB,
                rate=NOVA_RATE if "nova" in client else 16_000,
                channels=NOVA_CHANNELS if "nova" in client else 1,
            )
            row = uploader.run_child(client, path, emu.base_url)
            path.unlink()
            row["size_mb"] = size_mb
            row["of_goal"] = harness.ratio(row["peak_rss_growth_mb"], GOAL_MB)
            row["within_goal"] = row["peak_rss_growth_mb"] < GOAL_MB
            rows.append(row)
    return {
        "engine_mode": "skip",
        "note": harness.SKIP_NOTE,
        "goal_mb": GOAL_MB,
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
