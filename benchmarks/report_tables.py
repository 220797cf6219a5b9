"""The Markdown table and number formatting every section of the benchmark report shares.

Its own module so that the client sections (``report_clients``) and the engine sections
(``report_engine``) print a figure the same way: one table shape, one rounding rule.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["cell", "ms", "table"]


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A Markdown table of ``rows`` under ``header``, each cell formatted by :func:`cell`."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def cell(value: object) -> str:
    """A figure as table text: no value as a dash, large numbers with thousands separators."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def ms(seconds: float) -> float:
    """Seconds as milliseconds, to the hundredth."""
    return round(seconds * 1000, 2)
