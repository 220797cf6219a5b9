"""Results → Markdown tables (for BENCHMARKS.md and the console) and the upload chart."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def overhead(section: dict[str, Any]) -> str:
    stats = section["seconds_per_call"]
    baseline = {"sync": stats["httpx_sync"]["median"], "async": stats["httpx_async"]["median"]}
    rows = []
    for name, s in stats.items():
        mode = name.rsplit("_", 1)[1]
        rows.append(
            (
                name,
                _ms(s["median"]),
                _ms(s["min"]),
                s["runs"],
                round(s["median"] / baseline[mode], 3),
            )
        )
    ratios = ", ".join(f"{k} = **{v}**" for k, v in section["ratios_of_medians"].items())
    return (
        f"### 1. Per-call overhead\n\n{section['request']}; {section['note']}.\n\n"
        + _table(("client", "median ms", "min ms", "runs", "÷ httpx (same mode)"), rows)
        + f"\n\nRatios of medians: {ratios} (goal cfasr/httpx ≤ {section['goal']['cfasr/httpx']})."
    )


def upload(section: dict[str, Any]) -> str:
    rows = [
        (
            f"{r['size_mb']:g} MB",
            r["client"],
            r["seconds"]["median"],
            r["seconds"]["min"],
            r["seconds"]["runs"],
            r.get("x_loopback_time"),
            r["wire_bytes"],
            r.get("wire_per_file_byte"),
            r["peak_rss_growth_mb"],
        )
        for r in section["rows"]
    ]
    ratios = "; ".join(
        f"{size}: " + ", ".join(f"{k} = {v}" for k, v in pairs.items())
        for size, pairs in section["ratios_of_medians"].items()
    )
    return (
        f"### 2. Upload efficiency\n\n{section['note']}.\n\n"
        + _table(
            (
                "size",
                "client",
                "median s",
                "min s",
                "runs",
                "× loopback limit",
                "bytes on the wire",
                "wire ÷ file",
                "peak RSS growth MB",
            ),
            rows,
        )
        + f"\n\nRatios of medians: {ratios}."
    )


def memory(section: dict[str, Any]) -> str:
    rows = [
        (
            r["client"],
            f"{r['size_mb']:g} MB",
            r["peak_rss_growth_mb"],
            r["of_goal"],
            "yes" if r["within_goal"] else "**no**",
            r["seconds"]["median"],
        )
        for r in section["rows"]
    ]
    return f"### 3. Memory (goal: peak RSS growth < {section['goal_mb']:g} MB)\n\n" + _table(
        ("upload", "file", "peak RSS growth MB", "÷ goal", "within goal", "seconds"), rows
    )


def streaming(section: dict[str, Any]) -> str:
    rows = []
    for where in ("emulator", "sink"):
        part = section[where]
        for model in ("nova-3", "flux"):
            result = part[model]
            for client in ("cfasr", "bare_websockets"):
                s = result[client]
                rows.append(
                    (
                        f"{where} ({part['audio_seconds'] / 60:g} min)",
                        model,
                        client,
                        s["x_realtime_median"],
                        s["x_realtime_best"],
                        s["wall_s"]["runs"],
                        s["events"],
                        s["events_per_s_median"],
                        _ms(s["close_to_last_message_s"]["median"]),
                        result["cfasr/bare_websockets_time"] if client == "cfasr" else None,
                    )
                )
    parsing = "; ".join(
        f"{model}: {p['protocol_per_s']:,} messages/s through the protocol vs "
        f"{p['json_loads_per_s']:,}/s json.loads alone (×{p['protocol/json_loads_time']} time)"
        for model, p in ((m, section["emulator"][m]["parsing"]) for m in ("nova-3", "flux"))
    )
    return (
        f"### 4. Streaming (goal ≥ {section['goal_x_realtime']:g}× real time)\n\n"
        f"{section['chunks']}; {section['note']}. The *sink* is a bare WebSocket server that "
        "answers like skip mode without touching the audio: the client's own ceiling.\n\n"
        + _table(
            (
                "server",
                "model",
                "client",
                "× real time (median)",
                "× real time (best)",
                "runs",
                "events",
                "events/s",
                "CloseStream → last message ms",
                "cfasr ÷ bare time",
            ),
            rows,
        )
        + f"\n\nParsing: {parsing}."
        + _versus_websockets(section)
    )


def _versus_websockets(section: dict[str, Any]) -> str:
    """cfasr's × real time through the emulator as a ratio of the bare client's, if recorded."""
    ratios = [
        f"{model}: ×{section['emulator'][model]['x_realtime_vs_bare_websockets']}"
        for model in ("nova-3", "flux")
        if "x_realtime_vs_bare_websockets" in section["emulator"][model]
    ]
    if not ratios:
        return ""
    return "\n\ncfasr's speed through the emulator ÷ the bare websockets client's: " + (
        "; ".join(ratios) + "."
    )


def batch(section: dict[str, Any]) -> str:
    rows = [
        (
            name,
            s["median"],
            s["min"],
            s["runs"],
            section["files_per_s_median"][name],
            section["ratios_of_medians"][f"{name}/limiter_floor"],
        )
        for name, s in section["seconds"].items()
    ]
    return (
        f"### 5. Batch: {section['files']} files ({section['file']}) through `cfasr transcribe`\n\n"
        f"{section['note']}. The rate limiter alone needs {section['rate_limiter_floor_s']} s "
        "for these files.\n\n"
        + _table(("run", "median s", "min s", "runs", "files/s", "÷ limiter floor"), rows)
        + f"\n\nconcurrency 8 ÷ sequential: "
        f"**{section['ratios_of_medians']['concurrency_8/sequential']}**."
    )


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
    text = f"### 6. Engine real-time factor\n\n{section['note']}.\n\n" + _table(
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
        text += "\n\nIssue 18's slow requests (3.9 s clip), seconds:\n\n" + _table(
            ("model", "case", "CPU", "baseline CPU", "CPU ÷ baseline", "wall", "baseline wall"),
            cases,
        )
    return text


def import_cost(section: dict[str, Any]) -> str:
    rows = [
        (
            "import cfasr_ext (lazy)",
            f"{section['import_cfasr_ext_ms']} ms",
            f"import httpx {section['import_httpx_ms']} ms",
            section["import_ratio"],
        ),
        (
            "import cfasr_ext + first cfasr_ext.Client",
            f"{section['first_client_ms']} ms",
            f"import httpx {section['import_httpx_wall_ms']} ms",
            section["first_client_ratio"],
        ),
        (
            "cfasr --help",
            f"{section['cfasr_help_s']} s",
            f"typer hello --help {section['typer_hello_help_s']} s",
            section["cfasr_help_over_typer_hello"],
        ),
    ]
    return (
        "### 7. Import cost\n\nMedians of fresh child processes "
        f"({section['repeat']} runs each); `python -c pass` took {section['python_start_s']} s.\n\n"
        + _table(("what", "cfasr", "baseline", "ratio"), rows)
    )


def gateway(section: dict[str, Any]) -> str:
    latency = section["latency"]
    stats = latency["seconds_per_call"]
    rows = [
        (
            name,
            _ms(s["median"]),
            latency["added_ms_median"].get(name, 0.0),
            latency["ratios_of_medians"].get(f"{name}/sdk_direct", 1.0),
        )
        for name, s in stats.items()
    ]
    memory = section["memory"]
    return (
        f"### 8. OpenAI-compatible gateway\n\n{latency['request']}; {section['note']}.\n\n"
        + _table(("caller", "median ms", "added ms", "÷ SDK direct"), rows)
        + f"\n\nOne {memory['file_mb']} MB upload to {memory['model']}: the gateway's peak RSS "
        f"growth {memory['gateway_peak_rss_growth_mb']} MB in {memory['gateway_seconds']} s; "
        f"the SDK called directly: {memory['sdk_direct_peak_rss_growth_mb']} MB in "
        f"{memory['sdk_direct_seconds']} s ({memory['gateway/sdk_direct_seconds']}x the time)."
    )


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
        + _table(
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
        + _table(
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


RENDERERS = {
    "overhead": overhead,
    "upload": upload,
    "memory": memory,
    "streaming": streaming,
    "batch": batch,
    "engine": engine,
    "import": import_cost,
    "gateway": gateway,
    "capacity": capacity,
    "diarize": diarize,
}


def markdown(results: dict[str, Any]) -> str:
    """Every section present in ``results`` as Markdown, with the run's context first."""
    m = results["machine"]
    parts = [
        f"Run {results['started']} ({results['mode']} mode, {results['duration_s']:.0f} s): "
        f"{m['cpu_count']} CPUs, {m['implementation']} {m['python']}, {m['platform']}. "
        "Figures compare clients within this run; they are not absolute targets."
    ]
    for name, render in RENDERERS.items():
        section = results["sections"].get(name)
        if section is None:
            continue
        if "error" in section:
            parts.append(f"### {name}\n\n**failed**: {section['error']}")
        else:
            rerun = section.get("rerun")
            note = ""
            if rerun:
                why = f": {rerun['why']}" if rerun.get("why") else ""
                note = f"\n\n*Re-run alone on {rerun['started']}{why}.*"
            parts.append(render(section) + note)
    return "\n\n".join(parts) + "\n"


def write_into(path: Path, body: str) -> None:
    """Replace the text between the result markers of ``path`` (or append the markers)."""
    block = f"{START}\n{body}{END}"
    text = path.read_text() if path.exists() else ""
    if START in text and END in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text)


def chart(results: dict[str, Any], path: Path) -> bool:
    """Time and peak RSS growth vs file size (log-log); False if matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    rows = list(results["sections"].get("upload", {}).get("rows", []))
    rows += results["sections"].get("memory", {}).get("rows", [])
    series: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        series.setdefault(row["client"], []).append(row)
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 5), layout="constrained")
    for client, points in sorted(series.items()):
        points.sort(key=lambda r: r["size_mb"])
        sizes = [r["size_mb"] for r in points]
        style = "--" if client.startswith("loopback") else "-"
        left.plot(sizes, [r["seconds"]["median"] for r in points], style, marker="o", label=client)
        if not client.startswith("loopback"):
            memory_mb = [max(r["peak_rss_growth_mb"], 0.1) for r in points]
            right.plot(sizes, memory_mb, style, marker="o", label=client)
    right.axhline(16, color="grey", linestyle=":", label="goal: 16 MB")
    for axis, title, unit in (
        (left, "Upload wall time (median)", "seconds"),
        (right, "Peak RSS growth of the client", "MB (0 plotted as 0.1)"),
    ):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("file size (MB)")
        axis.set_ylabel(unit)
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    figure.suptitle(
        f"cfasr vs httpx vs the official cloudflare SDK, emulator in skip mode "
        f"({results['machine']['cpu_count']} CPUs, Python {results['machine']['python']})"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return True
