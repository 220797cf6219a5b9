"""Local emulator of the Workers AI speech-recognition API (the ``server`` extra).

``create_app(ServerConfig(...))`` builds the Starlette app; ``python -m cfasr_emulator``
serves it; :func:`cfasr_emulator.testing.run_emulator` runs it in a background thread.

Names are imported lazily so that ``cfasr_emulator.pytest_plugin`` and
``cfasr_emulator.testing`` stay cheap to import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app
    from .config import ServerConfig
    from .context import EmulatorContext, WebSocketAdmission
    from .testing import EmulatorHandle, arun_emulator, run_emulator

__all__ = [
    "EmulatorContext",
    "EmulatorHandle",
    "ServerConfig",
    "WebSocketAdmission",
    "arun_emulator",
    "create_app",
    "run_emulator",
]

_HOMES = {
    "create_app": ".app",
    "ServerConfig": ".config",
    "EmulatorContext": ".context",
    "WebSocketAdmission": ".context",
    "EmulatorHandle": ".testing",
    "arun_emulator": ".testing",
    "run_emulator": ".testing",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)
