"""The report's sections on cfasr as a client, each against its baseline in the same run:
per-call overhead, uploads and their memory, streaming, batch transcription, import cost and
the OpenAI-compatible gateway.

Its own module because these compare cfasr with httpx, websockets and the official SDK,
where the engine sections (``report_engine``) measure the emulator's speech engine alone.
"""

from __future__ import annotations

from typing import Any

from report_tables import ms, table

__all__ = ["batch", "gateway", "import_cost", "memory", "overhead", "streaming", "upload"]


def overhead(section: dict[str, Any]) -> str:
    stats = section["seconds_per_call"]
    baseline = {"sync": stats["httpx_sync"]["median"], "async": stats["httpx_async"]["median"]}
    rows = []
    for name, s in stats.items():
        mode = name.rsplit("_", 1)[1]
        rows.append(
            (
                name,
                ms(s["median"]),
                ms(s["min"]),
                s["runs"],
                round(s["median"] / baseline[mode], 3),
            )
        )
    ratios = ", ".join(f"{k} = **{v}**" for k, v in section["ratios_of_medians"].items())
    return (
        f"### 1. Per-call overhead\n\n{section['request']}; {section['note']}.\n\n"
        + table(("client", "median ms", "min ms", "runs", "÷ httpx (same mode)"), rows)
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
        + table(
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
    return f"### 3. Memory (goal: peak RSS growth < {section['goal_mb']:g} MB)\n\n" + table(
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
                        ms(s["close_to_last_message_s"]["median"]),
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
        + table(
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
        + table(("run", "median s", "min s", "runs", "files/s", "÷ limiter floor"), rows)
        + f"\n\nconcurrency 8 ÷ sequential: "
        f"**{section['ratios_of_medians']['concurrency_8/sequential']}**."
    )


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
        + table(("what", "cfasr", "baseline", "ratio"), rows)
    )


def gateway(section: dict[str, Any]) -> str:
    latency = section["latency"]
    stats = latency["seconds_per_call"]
    rows = [
        (
            name,
            ms(s["median"]),
            latency["added_ms_median"].get(name, 0.0),
            latency["ratios_of_medians"].get(f"{name}/sdk_direct", 1.0),
        )
        for name, s in stats.items()
    ]
    memory = section["memory"]
    return (
        f"### 8. OpenAI-compatible gateway\n\n{latency['request']}; {section['note']}.\n\n"
        + table(("caller", "median ms", "added ms", "÷ SDK direct"), rows)
        + f"\n\nOne {memory['file_mb']} MB upload to {memory['model']}: the gateway's peak RSS "
        f"growth {memory['gateway_peak_rss_growth_mb']} MB in {memory['gateway_seconds']} s; "
        f"the SDK called directly: {memory['sdk_direct_peak_rss_growth_mb']} MB in "
        f"{memory['sdk_direct_seconds']} s ({memory['gateway/sdk_direct_seconds']}x the time)."
    )
