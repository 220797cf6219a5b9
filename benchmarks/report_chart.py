"""The upload chart of the benchmark report (``results/upload.png``): time and peak RSS growth
against file size, for every client.

Its own module because it is the one part of the report that needs matplotlib, which is
optional: without it the Markdown report is written all the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["chart"]


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
