"""The report's sections on the emulator's speech engine: real-time factor per model, how
many live sessions it serves in real time, and the cost of speaker attribution.

Its own module because these measure the engine alone (CPU and wall time per second of
audio), where the client sections (``report_clients``) compare cfasr with other clients.
"""

from __future__ import annotations

from typing import Any

from report_tables import table

__all__ = ["capacity", "diarize", "engine"]


def engine(section: dict[str, Any]) -> str:
    rows = [
        (
            m["model"],
            s["sample"],
            s["audio_s"],
            s["rtf_median"],
            s["rtf_min"],
            s["baseline_rtf"],
            s["cpu_rtf"],
            s["baseline_cpu_rtf"],
            s["cpu_ratio"],
            s["first_call_rtf"],
            m["load_s"],
            m["peak_rss_mb"],
            "yes" if s["exact"] else "no",
        )
        for m in section["models"]
        for s in m["samples"]
    ]
    cases = [
        (
            m["model"],
            c["case"],
            c["cpu_s"],
            c["baseline_cpu_s"],
            c["cpu_ratio"],
            c["wall_s"],
            c["baseline_wall_s"],
        )
        for m in section["models"]
        for c in m.get("cases", ())
    ]
    text = f"### 6. Engine real-time factor\n\n{section['note']}.\n\n" + table(
        (
            "model",
            "sample",
            "audio s",
            "RTF median",
            "RTF min",
            "baseline RTF",
            "CPU RTF",
            "baseline CPU RTF",
            "CPU ÷ baseline",
            "RTF first call",
            "load s",
            "peak RSS MB",
            "exact text",
        ),
        rows,
    )
    if cases:
        text += "\n\nIssue 18's slow requests (3.9 s clip), seconds:\n\n" + table(
            ("model", "case", "CPU", "baseline CPU", "CPU ÷ baseline", "wall", "baseline wall"),
            cases,
        )
    return text


def capacity(section: dict[str, Any]) -> str:
    rows = [
        (
            r["sessions"],
            r["finals_correct"],
            r.get("p95_final_latency_s"),
            r.get("median_final_latency_s"),
            r.get("p95/one_session"),
            r["interims_per_audio_s"],
            r["min_interims_per_session"],
            "yes" if r["keeps_real_time"] else "no",
        )
        for r in section["rows"]
    ]
    full = section["full_speed"]
    costs = section["decode_costs"]
    return (
        f"### 9. Live-stream capacity (goal: {section['goal_sessions']} nova-3 sessions, "
        f"p95 final latency ≤ {section['goal_p95_s']:g} s)\n\n{section['note']}.\n\n"
        + table(
            (
                "sessions",
                "finals correct",
                "p95 latency s",
                "median latency s",
                "p95 ÷ one session",
                "interims / audio s",
                "fewest interims in a session",
                "keeps real time",
            ),
            rows,
        )
        + f"\n\nLargest N keeping real time: **{section['largest_n_keeping_real_time']}**. "
        f"One session at full speed: {full['interims_per_audio_s']} interims per audio "
        f"second ({full['min_interims_per_session']} in all), finals correct "
        f"{full['finals_correct']}. Decode cost of the {costs['sample_s']:.1f} s sample: "
        f"final {costs['final_decode_s']} s, interim {costs.get('interim_decode_s')} s "
        f"(final ÷ interim {costs.get('final/interim')}); one paced session needs "
        f"{costs.get('engine_s_per_audio_s')} s of engine time per second of audio, so the "
        f"engine can serve about {costs.get('sessions_the_engine_can_serve')} sessions."
    )


def diarize(section: dict[str, Any]) -> str:
    rows = [
        (
            r["audio_s"],
            r["words"],
            r["speakers"],
            f"{r['accuracy']:.1%}",
            r["diarize_cpu_ms_per_audio_s"],
            r["transcribe_cpu_ms_per_audio_s"],
            r["cpu_ratio"],
            r["diarize_wall_ms_per_audio_s"],
            r["transcribe_wall_ms_per_audio_s"],
            r["wall_ratio"],
            r.get("format_cpu_ms_per_audio_s", "—"),
            r.get("format_cpu_ratio", "—"),
        )
        for r in section["rows"]
    ]
    return (
        f"### 10. Speaker attribution (diarize=true, {section['model']})\n\n{section['note']}.\n\n"
        + table(
            (
                "audio s",
                "words",
                "speakers",
                "accuracy",
                "diarize CPU ms/s",
                "transcribe CPU ms/s",
                "CPU ÷ transcribe",
                "diarize wall ms/s",
                "transcribe wall ms/s",
                "wall ÷ transcribe",
                "word options CPU ms/s",
                "word options ÷ transcribe",
            ),
            rows,
        )
    )
