"""What speaker attribution (nova-3 ``diarize=true``, issue 27) costs per second of audio.

Run: ``python benchmarks/bench_diarize.py [--repeat N] [--quick] [--json]``.

The baseline, measured in the same child process and in turns with diarization, is the
transcription of the same audio by the engine (tiny.en, the emulator's nova-3 model): the
words diarization attributes come from it, so the ratio diarize ÷ transcribe says how much
``diarize=true`` adds to a request; the word options (``replace``, ``search``,
``paragraphs``) are timed on the same words against the same baseline. Audio is the bundled
two-voice sample (22.6 s) and, in the full run, that sample repeated to 3 minutes, to show
the cost stays linear. Figures are
process CPU time (all threads) and wall time per audio second; the accuracy on the sample's
ground-truth turns is reported beside them so a faster change that is wrong shows. Nothing
here asserts a speed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, Literal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODEL: Final[Literal["tiny.en"]] = "tiny.en"
FORMAT_RULES = ("weekly report:monthly report", "park:garden")
FORMAT_QUERIES = ("finance team", "coffee", "lunch")
"""The word options timed beside diarization (replace, search, paragraphs): what nova-3's
formatting adds to a request, on the same words."""


def _timed(call: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def _accuracy(found: tuple[int, ...], truth: list[int]) -> float:
    labels = max([*found, *truth]) + 1
    best = max(
        sum(mapping[f] == t for f, t in zip(found, truth, strict=True))
        for mapping in itertools.permutations(range(labels))
    )
    return best / len(truth)


def _truth(start: float, end: float) -> int:
    """The sample's speaker at a word's midpoint (the audio may be the sample repeated)."""
    from cfasr_emulator.engine import TWO_SPEAKERS

    middle = ((start + end) / 2) % TWO_SPEAKERS.duration
    turns = TWO_SPEAKERS.turns
    return min(turns, key=lambda t: max(t.start - middle, middle - t.end, 0.0)).speaker


def measure(copies: tuple[int, ...], repeat: int) -> list[dict[str, Any]]:
    """Transcribe and diarize the sample repeated ``copies`` times, in turns, ``repeat`` runs."""
    import numpy as np

    from cfasr_emulator.engine import TWO_SPEAKERS, DecodeOptions, SpeechEngine, decode_audio
    from cfasr_emulator.engine.diarization import diarize
    from cfasr_emulator.heard_word import StreamWord
    from cfasr_emulator.word_options import paragraphs, replaced, search

    engine = SpeechEngine()
    engine.preload(MODEL)
    clip = decode_audio(TWO_SPEAKERS.path.read_bytes())
    options = DecodeOptions.for_local_models()
    rows = []
    for n in copies:
        audio = np.tile(clip, n)
        seconds = len(audio) / 16_000
        result = engine.transcribe(audio, model=MODEL, options=options)
        words = [w for s in result.segments for w in s.words]
        spans = [(w.start, w.end) for w in words]

        def transcribe(audio: Any = audio) -> object:
            return engine.transcribe(audio, model=MODEL, options=options)

        def attribute(audio: Any = audio, spans: Any = spans) -> object:
            return diarize(audio, spans)

        heard = tuple(
            StreamWord(w.word.strip().lower(), w.word.strip(), w.start, w.end, w.probability)
            for w in words
        )

        def formatting(heard: tuple[StreamWord, ...] = heard) -> object:
            changed = replaced(heard, FORMAT_RULES)
            return [search(changed, query) for query in FORMAT_QUERIES], paragraphs(changed)

        attribute()  # untimed: first-call costs (allocations) are not per-request costs
        diarized: list[tuple[float, float]] = []
        transcribed: list[tuple[float, float]] = []
        formatted: list[tuple[float, float]] = []
        for _ in range(repeat):
            diarized.append(_timed(attribute))
            transcribed.append(_timed(transcribe))
            formatted.append(_timed(formatting))
        f_cpu = statistics.median(c for _, c in formatted)
        found = diarize(audio, spans)
        d_wall = statistics.median(w for w, _ in diarized)
        d_cpu = statistics.median(c for _, c in diarized)
        t_wall = statistics.median(w for w, _ in transcribed)
        t_cpu = statistics.median(c for _, c in transcribed)
        rows.append(
            {
                "audio_s": round(seconds, 1),
                "words": len(words),
                "speakers": found.speaker_count,
                "accuracy": round(_accuracy(found.speakers, [_truth(*s) for s in spans]), 3),
                "diarize_cpu_ms_per_audio_s": round(1000 * d_cpu / seconds, 2),
                "diarize_wall_ms_per_audio_s": round(1000 * d_wall / seconds, 2),
                "transcribe_cpu_ms_per_audio_s": round(1000 * t_cpu / seconds, 1),
                "transcribe_wall_ms_per_audio_s": round(1000 * t_wall / seconds, 1),
                "cpu_ratio": round(d_cpu / t_cpu, 4),
                "wall_ratio": round(d_wall / t_wall, 4),
                "format_cpu_ms_per_audio_s": round(1000 * f_cpu / seconds, 3),
                "format_cpu_ratio": round(f_cpu / t_cpu, 5),
                "runs": repeat,
            }
        )
    return rows


def run(quick: bool, repeat: int | None = None) -> dict[str, Any]:
    """In a child process, so the model's memory leaves with it; quick: the sample once."""
    copies = (1,) if quick else (1, 8)
    runs = repeat or (1 if quick else 3)
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(runs), "--copies"]
        + [str(n) for n in copies],
        check=True,
        capture_output=True,
        text=True,
    )
    return {
        "engine_mode": "real",
        "note": "speaker attribution of the words tiny.en recognised in the bundled two-voice "
        "sample (repeated to 3 minutes in the full run), against transcribing the same audio "
        "with the real engine, in turns in one process; ms per audio second, medians; ratio = "
        "diarize ÷ transcribe; accuracy = share of words on the right speaker; word options = "
        "replace, search and paragraphs on the same words",
        "model": MODEL,
        "rows": json.loads(out.stdout.strip().splitlines()[-1]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per audio")
    parser.add_argument("--quick", action="store_true", help="the sample once, one run")
    parser.add_argument("--json", action="store_true", help="print raw JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, nargs="+", default=[1], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(tuple(args.copies), args.repeat)))
        return 0
    section = run(args.quick, None if args.quick else args.repeat)
    if args.json:
        print(json.dumps(section, indent=2))
        return 0
    for r in section["rows"]:
        print(
            f"{r['audio_s']:6.1f} s audio, {r['words']} words, {r['speakers']} speakers, "
            f"accuracy {r['accuracy']:.1%}: diarize {r['diarize_cpu_ms_per_audio_s']} ms CPU "
            f"per audio s vs transcribe {r['transcribe_cpu_ms_per_audio_s']} "
            f"(×{r['cpu_ratio']}; wall ×{r['wall_ratio']}); replace+search+paragraphs "
            f"{r['format_cpu_ms_per_audio_s']} ms CPU per audio s (×{r['format_cpu_ratio']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
