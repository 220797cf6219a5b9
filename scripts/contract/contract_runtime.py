"""The contract's runtime (``cfasr_contract``) loaded by path, so generated help texts and
defaults use the very wording and conversions of its checks.

Loaded by path, not imported: the generator must not need the project installed. Its own
module because several steps use it: the typed options (``generate_options``), the parameter
classes (``generate_params``, through ``generate``), the options page (``generate_pages``) and
the body-kind check (``spec_body_kinds``, which takes the known kinds from ``BODY_KINDS``).
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from typing import Any

__all__ = ["allowed_words", "body_kinds", "checked_default"]

RUNTIME = Path(__file__).resolve().parents[2] / "cfasr_contract"


@functools.cache
def _runtime() -> Any:
    """The ``cfasr_contract`` package of this tree, under a private name (its modules import
    one another relatively, so the package is loaded, not one file)."""
    spec = importlib.util.spec_from_file_location(
        "_cfasr_contract_runtime",
        RUNTIME / "__init__.py",
        submodule_search_locations=[str(RUNTIME)],
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs resolves the annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def checked_default(param: dict[str, Any], value: object) -> object:
    """A default as the checks would pass it on (``"0.7"`` for a text option, 5 for 5)."""
    fields = {k: v for k, v in param.items() if not k.startswith("_")}
    return _runtime().Param(**fields).check(value)


def allowed_words(param: dict[str, Any]) -> str:
    """What the option accepts, in the checks' own words (``Param.allowed``)."""
    fields = {k: v for k, v in param.items() if not k.startswith("_")}
    return str(_runtime().Param(**fields).allowed())


def body_kinds() -> tuple[str, ...]:
    """The body kinds the SDK's builders and the emulator's handlers know (``BODY_KINDS``)."""
    return tuple(_runtime().BODY_KINDS)
