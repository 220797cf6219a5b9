"""Real-time factor and peak memory of the offline speech engine, per local model.

Run: ``python benchmarks/bench_engine.py [--repeat N] [--quick] [--json]``.

Each model is measured in its own child process so that its peak RSS is not inflated by the
other model. RTF = processing seconds / audio seconds (lower is better; 0.1 means ten
times faster than real time). The first call after loading is reported separately as warm-up.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODELS = ("tiny.en", "base")


def _peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(model: str, repeat: int) -> dict[str, Any]:
    """Load ``model`` and time repeated transcriptions of each bundled sample."""
    from cfasr_emulator.engine import SAMPLES, SpeechEngine, decode_audio

    rss_before = _peak_rss_mb()
    engine = SpeechEngine(cpu_threads=2)
    started = time.perf_counter()
    engine.preload(model)  # type: ignore[arg-type]
    load_s = time.perf_counter() - started
    rows = []
    for sample in SAMPLES:
        audio = decode_audio(sample.path.read_bytes())
        duration = audio.size / 16_000
        times = []
        text = ""
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            text = engine.transcribe(audio, model=model).text  # type: ignore[arg-type]
            times.append(time.perf_counter() - t0)
        rows.append(
            {
                "sample": sample.path.name,
                "audio_s": round(duration, 3),
                "first_call_rtf": round(times[0] / duration, 4),
                "rtf_median": round(statistics.median(times[1:]) / duration, 4),
                "rtf_min": round(min(times[1:]) / duration, 4),
                "text": text,
                "exact": text == sample.text,
            }
        )
    return {
        "model": model,
        "compute_type": "int8",
        "cpu_threads": 2,
        "load_s": round(load_s, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "rss_before_load_mb": round(rss_before, 1),
        "samples": rows,
    }


def run(quick: bool, repeat: int | None = None) -> dict[str, Any]:
    """Each model in its own child process; quick mode measures tiny.en only, once."""
    models = MODELS[:1] if quick else MODELS
    runs = repeat or (1 if quick else 3)
    results = []
    for model in models:
        out = subprocess.run(
            [sys.executable, __file__, "--child", model, "--repeat", str(runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "engine_mode": "real",
        "note": "the emulator's real engine (faster-whisper int8 on CPU); RTF = processing "
        "seconds / audio seconds, lower is better",
        "models": results,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per sample")
    parser.add_argument("--quick", action="store_true", help="tiny.en only, one run")
    parser.add_argument("--json", action="store_true", help="print raw JSON")
    parser.add_argument("--child", choices=MODELS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeat)))
        return 0
    results = run(args.quick, None if args.quick else args.repeat)["models"]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for r in results:
        print(
            f"{r['model']:8} load {r['load_s']:.2f}s  peak RSS {r['peak_rss_mb']:.0f} MB "
            f"(process before load {r['rss_before_load_mb']:.0f} MB)"
        )
        for s in r["samples"]:
            print(
                f"    {s['sample']:26} {s['audio_s']:5.2f}s audio  RTF median {s['rtf_median']:.3f}"
                f" (min {s['rtf_min']:.3f}, first call {s['first_call_rtf']:.3f})"
                f"  exact={s['exact']}  {s['text']!r}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
