"""Results → the Markdown report (for BENCHMARKS.md and the console): the run's context,
then each section in order, written between the result markers of BENCHMARKS.md.

The sections' tables are ``report_clients``, ``report_engine`` and ``report_realtime``; the
upload chart is ``report_chart``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from report_clients import batch, gateway, import_cost, memory, overhead, streaming, upload
from report_engine import capacity, diarize, engine
from report_realtime import realtime

__all__ = ["END", "RENDERERS", "START", "markdown", "write_into"]

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"


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
    "realtime": realtime,
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
