"""``make bench`` / ``make bench-quick``: every benchmark in one run, written as JSON, Markdown
and a chart.

Each section starts its own emulator (a child process on 127.0.0.1) and compares cfasr with a
baseline measured in the same run; a section that fails is recorded as failed and the others
still run (the exit status is then 1). ``--quick`` (CI, under two minutes) takes the same code
paths with small sizes and few repeats.

    .venv/bin/python benchmarks/run.py [--quick] [--only SECTION ...]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_batch
import bench_capacity
import bench_diarize
import bench_engine
import bench_gateway
import bench_import
import bench_overhead
import bench_realtime
import bench_streaming
import bench_upload
import bench_upload_memory
import harness
import report
import report_chart

SECTIONS: dict[str, Callable[[bool], dict[str, Any]]] = {
    "overhead": bench_overhead.run,
    "upload": bench_upload.run,
    "memory": bench_upload_memory.run,
    "streaming": bench_streaming.run,
    "batch": bench_batch.run,
    "engine": bench_engine.run,
    "import": bench_import.run,
    "gateway": bench_gateway.run,
    "capacity": bench_capacity.run,
    "diarize": bench_diarize.run,
    "realtime": bench_realtime.run,
}


def run_all(quick: bool, only: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    results: dict[str, Any] = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "machine": harness.machine(),
        "sections": {},
    }
    for name, section in SECTIONS.items():
        if only and name not in only:
            continue
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        section_started = time.perf_counter()
        try:
            results["sections"][name] = section(quick)
        except Exception as exc:  # one broken section must not hide the others' figures
            traceback.print_exc()
            results["sections"][name] = {"error": f"{type(exc).__name__}: {exc}"}
        results["sections"][name]["section_s"] = round(time.perf_counter() - section_started, 1)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    return results


def merged_into_previous(results: dict[str, Any], latest: Path) -> dict[str, Any]:
    """With ``--only``, keep the other sections of the previous run of the same mode.

    Each re-run section is marked with when it ran, so the tables never pass one run's
    figures off as another's."""
    if not latest.exists():
        return results
    previous: dict[str, Any] = json.loads(latest.read_text())
    if previous.get("mode") != results["mode"]:
        return results
    for name, section in results["sections"].items():
        section["rerun"] = {"started": results["started"], "machine": results["machine"]}
        previous["sections"][name] = section
    return previous


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (CI)")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), default=[])
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=harness.BENCH_DIR / "results",
        help="where latest.json and upload.png go (default: %(default)s)",
    )
    parser.add_argument(
        "--markdown",
        type=Path,
        default=harness.ROOT / "BENCHMARKS.md",
        help="the file whose results block is rewritten (default: %(default)s)",
    )
    args = parser.parse_args()
    results = run_all(args.quick, args.only)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    if args.only:
        results = merged_into_previous(results, args.results_dir / "latest.json")
    (args.results_dir / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    body = report.markdown(results)
    report.write_into(args.markdown, body)
    charted = report_chart.chart(results, args.results_dir / "upload.png")
    print(body)
    print(
        f"[bench] wrote {args.results_dir / 'latest.json'}, {args.markdown}"
        + (f", {args.results_dir / 'upload.png'}" if charted else " (no chart: no matplotlib)"),
        file=sys.stderr,
    )
    failed = [name for name, s in results["sections"].items() if "error" in s]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
