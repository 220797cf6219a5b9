"""Keep ``@pytest.mark.fuzz`` tests out of the default run; ``make fuzz`` (-m fuzz) runs them."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "fuzz" in (config.option.markexpr or ""):
        return
    heavy = [item for item in items if item.get_closest_marker("fuzz") is not None]
    if heavy:
        config.hook.pytest_deselected(items=heavy)
        items[:] = [item for item in items if item.get_closest_marker("fuzz") is None]
