"""Real-time factor and peak memory of the offline speech engine, per local model.

Run: ``python benchmarks/bench_engine.py [--repeat N] [--quick] [--json]``.

Each model is measured in its own child process so that its peak RSS is not inflated by the
other model. RTF = processing seconds / audio seconds (lower is better; 0.1 means ten
times faster than real time). The first call after loading is reported separately as warm-up.

The baseline, measured in the same child and in turns with the engine, is what the engine did
before issue 16.4/18: faster-whisper's own ``WhisperModel`` with the engine's old call (30 s
windows, every key term and the whole prompt). Wall time swings on a shared machine, so each
figure is also given as CPU time of the process (all threads), and the ratio
engine ÷ baseline is taken on CPU time. The key-term and prompt rows time the cases of issue
18 (a 3.9 s clip with 5 and 200 key terms on tiny.en; a 20,000-character prompt on base).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODELS = ("tiny.en", "base")


def _peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


KEYTERMS_5 = "Cloudflare Workers Deepgram Nova Kubernetes"
KEYTERMS_200 = " ".join(f"term{i} Brand{i}x" for i in range(200))
PROMPT_20K = ("The quarterly results of Acme Corporation were discussed in the meeting. " * 300)[
    :20_000
]
CASES: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {
    "tiny.en": (
        ("5 key terms", {"hotwords": KEYTERMS_5}),
        ("200 key terms", {"hotwords": KEYTERMS_200}),
    ),
    "base": (("20,000-character prompt", {"initial_prompt": PROMPT_20K}),),
}
"""Issue 18's slow requests, per model (hotwords is what nova-3's keyterm becomes)."""


def _timed(call: Callable[[], str]) -> tuple[float, float, str]:
    wall, cpu = time.perf_counter(), time.process_time()
    text = call()
    return time.perf_counter() - wall, time.process_time() - cpu, text


def _baseline(model: Any, audio: Any, **options: Any) -> str:
    """The engine's call before this change: faster-whisper's defaults, 30 s windows."""
    segments, _ = model.transcribe(
        audio, beam_size=5, vad_filter=True, word_timestamps=True, **options
    )
    return "".join(s.text for s in segments).strip()


def _compare(
    engine_call: Callable[[], str], baseline_call: Callable[[], str], runs: int
) -> dict[str, Any]:
    """Engine and baseline in turns, ``runs`` times each, after one untimed call of each."""
    engine_call()
    baseline_call()
    after: list[tuple[float, float, str]] = []
    before: list[tuple[float, float, str]] = []
    for _ in range(runs):
        after.append(_timed(engine_call))
        before.append(_timed(baseline_call))
    cpu_after = statistics.median(r[1] for r in after)
    cpu_before = statistics.median(r[1] for r in before)
    return {
        "wall_s": round(statistics.median(r[0] for r in after), 4),
        "wall_min_s": round(min(r[0] for r in after), 4),
        "cpu_s": round(cpu_after, 4),
        "baseline_wall_s": round(statistics.median(r[0] for r in before), 4),
        "baseline_cpu_s": round(cpu_before, 4),
        "cpu_ratio": round(cpu_after / cpu_before, 3),
        "text": after[-1][2],
        "baseline_text": before[-1][2],
    }


def measure(model: str, repeat: int, cases: bool = True) -> dict[str, Any]:
    """Load ``model`` and time repeated transcriptions of each bundled sample."""
    import attrs
    from faster_whisper import WhisperModel

    from cfasr_emulator.engine import (
        SAMPLES,
        DecodeOptions,
        SpeechEngine,
        decode_audio,
        model_dir,
    )

    local = DecodeOptions.for_local_models()  # as the emulator decodes a whisper request

    rss_before = _peak_rss_mb()
    engine = SpeechEngine(cpu_threads=2)
    started = time.perf_counter()
    engine.preload(model)  # type: ignore[arg-type]
    load_s = time.perf_counter() - started
    peak_rss = _peak_rss_mb()
    old = WhisperModel(
        str(model_dir(model)),  # type: ignore[arg-type]
        device="cpu",
        compute_type="int8",
        cpu_threads=2,
        num_workers=1,
        local_files_only=True,
    )
    rows = []
    for sample in SAMPLES:
        audio = decode_audio(sample.path.read_bytes())
        duration = audio.size / 16_000
        t0 = time.perf_counter()
        engine.transcribe(audio, model=model, options=local)  # type: ignore[arg-type]
        first = time.perf_counter() - t0
        figures = _compare(
            lambda audio=audio: engine.transcribe(audio, model=model, options=local).text,  # type: ignore[misc, arg-type]
            lambda audio=audio: _baseline(old, audio),  # type: ignore[misc]
            repeat,
        )
        rows.append(
            {
                "sample": sample.path.name,
                "audio_s": round(duration, 3),
                "first_call_rtf": round(first / duration, 4),
                "rtf_median": round(figures["wall_s"] / duration, 4),
                "rtf_min": round(figures["wall_min_s"] / duration, 4),
                "cpu_rtf": round(figures["cpu_s"] / duration, 4),
                "baseline_rtf": round(figures["baseline_wall_s"] / duration, 4),
                "baseline_cpu_rtf": round(figures["baseline_cpu_s"] / duration, 4),
                "cpu_ratio": figures["cpu_ratio"],
                "text": figures["text"],
                "exact": figures["text"] == sample.text,
                "baseline_exact": figures["baseline_text"] == sample.text,
            }
        )
    case_rows = []
    weather = decode_audio(SAMPLES[0].path.read_bytes())
    for name, options in CASES[model] if cases else ():
        figures = _compare(
            lambda options=options: (
                engine.transcribe(
                    weather,
                    model=model,  # type: ignore[arg-type]
                    options=attrs.evolve(local, initial_prompt=options.get("initial_prompt")),
                    hotwords=options.get("hotwords"),
                ).text
            ),  # type: ignore[misc]
            lambda options=options: _baseline(old, weather, **options),  # type: ignore[misc]
            max(1, repeat // 3),
        )
        case_rows.append({"case": name, **figures})
    return {
        "model": model,
        "compute_type": "int8",
        "cpu_threads": 2,
        "load_s": round(load_s, 3),
        "peak_rss_mb": round(peak_rss, 1),
        "rss_before_load_mb": round(rss_before, 1),
        "samples": rows,
        "cases": case_rows,
    }


def run(quick: bool, repeat: int | None = None) -> dict[str, Any]:
    """Each model in its own child process; quick mode measures tiny.en only, once."""
    models = MODELS[:1] if quick else MODELS
    runs = repeat or (1 if quick else 3)
    results = []
    for model in models:
        out = subprocess.run(
            [sys.executable, __file__, "--child", model, "--repeat", str(runs)]
            + (["--no-cases"] if quick else []),
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "engine_mode": "real",
        "note": "the emulator's real engine (faster-whisper int8 on CPU); RTF = processing "
        "seconds / audio seconds, lower is better; baseline = the engine's call before issue "
        "16.4/18 (faster-whisper's WhisperModel, 30 s windows, whole prompt), measured in turns "
        "in the same process; CPU = process time of all threads",
        "models": results,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per sample")
    parser.add_argument("--quick", action="store_true", help="tiny.en only, one run")
    parser.add_argument("--json", action="store_true", help="print raw JSON")
    parser.add_argument("--child", choices=MODELS, help=argparse.SUPPRESS)
    parser.add_argument("--no-cases", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeat, not args.no_cases)))
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
                f" (min {s['rtf_min']:.3f}, first call {s['first_call_rtf']:.3f};"
                f" baseline {s['baseline_rtf']:.3f})  CPU RTF {s['cpu_rtf']:.3f} vs baseline "
                f"{s['baseline_cpu_rtf']:.3f} (x{s['cpu_ratio']:.2f})"
                f"  exact={s['exact']}  {s['text']!r}"
            )
        for c in r["cases"]:
            print(
                f"    {c['case']:26} CPU {c['cpu_s']:.2f}s vs baseline {c['baseline_cpu_s']:.2f}s"
                f" (x{c['cpu_ratio']:.2f}); wall {c['wall_s']:.2f}s vs {c['baseline_wall_s']:.2f}s"
                f"  {c['text'][:60]!r}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
