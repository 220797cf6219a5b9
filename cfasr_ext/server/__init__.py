"""Local emulator of the Workers AI speech-recognition API (the ``server`` extra).

``create_app(ServerConfig(...))`` builds the Starlette app; ``python -m cfasr_ext.server``
serves it; :func:`cfasr_ext.server.testing.run_emulator` runs it in a background thread.
"""

from __future__ import annotations

from .app import create_app
from .config import ServerConfig
from .context import EmulatorContext, WebSocketAdmission

__all__ = ["EmulatorContext", "ServerConfig", "WebSocketAdmission", "create_app"]
