"""The order tests start in, so that pytest-xdist's workers finish together.

`make test` runs the suite with ``--dist loadscope``: a module's tests stay on one worker,
so an expensive module fixture (a soak run, a fresh virtual environment, the benchmark
harness) is built once, not once per worker that happens to get one of its tests. With
``--no-loadscope-reorder`` workers take modules in collection order (xdist would otherwise
send the modules with the most tests first, and the soak, the fresh venvs and the benchmark
harness, a handful of tests each, went last and kept one worker busy for minutes after the
others had finished). So tests marked ``slow`` are moved to the front, the costliest first
when the mark says what they cost (``pytest.mark.slow(cpu_s=50)``, CPU seconds measured on
this suite's 2-core machine). Otherwise the collection order is kept; a run without xdist
sees the same order.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_order)


def _start_order(item: pytest.Item) -> tuple[bool, float]:
    slow = item.get_closest_marker("slow")
    if slow is None:
        return (True, 0.0)
    return (False, -float(slow.kwargs.get("cpu_s", 0.0)))
