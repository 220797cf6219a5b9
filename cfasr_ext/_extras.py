"""Optional dependencies: check or import one, or fail saying which extra installs it.

The base install is attrs, httpx and websockets; audio decoding (`audio`), the emulator
(`server`) and the command line (`cli`) are extras. A feature that needs one calls
`require_extra` first, so a missing package is reported as the `pip install` to run instead
of a bare `ModuleNotFoundError` from deep inside.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from cfasr_ext._errors import CfasrError

__all__ = ["MissingExtraError", "import_extra", "require_extra"]


class MissingExtraError(CfasrError, ImportError):
    """An optional dependency is not installed; the message names the extra that adds it."""


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing, or a None in sys.modules
        return False


def require_extra(extra: str, feature: str, *modules: str) -> None:
    """Raise `MissingExtraError` unless every top-level module in `modules` can be imported."""
    missing = [module for module in modules if not _installed(module)]
    if missing:
        raise MissingExtraError(
            f"{feature} needs the '{extra}' extra ({', '.join(missing)} not installed); "
            f"install it with: pip install 'cfasr[{extra}]'",
            name=missing[0],
        )


def import_extra(module: str, *, extra: str, feature: str) -> Any:
    """`import module`, or `MissingExtraError` naming `pip install 'cfasr[extra]'`."""
    require_extra(extra, feature, module)
    return importlib.import_module(module)
