"""The order tests start in, so that pytest-xdist's workers finish together.

`make test` runs the suite with ``--dist loadscope``: a module's tests stay on one worker,
so an expensive module fixture (a soak run, a fresh virtual environment, the benchmark
harness) is built once, not once per worker that happens to get one of its tests. Workers
take modules in collection order; a long module taken last would leave the other workers idle
while it runs, so modules marked ``slow`` are moved to the front. Within each group the
collection order is kept, and a run without xdist sees the same order.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
