"""A uvicorn server that starts the emulator's graceful shutdown when an exit is asked for.

uvicorn's order is: stop listening, shut every connection down, wait up to
``timeout_graceful_shutdown`` for requests to finish, then run the app's lifespan shutdown.
Streaming sessions learned of the shutdown only in that last step, after their sockets were
gone. This server tells the app (:meth:`EmulatorContext.begin_shutdown`) the moment
``should_exit`` is set, whether by SIGINT/SIGTERM or by :func:`~cfasr_emulator.testing.
run_emulator` leaving its block, so sessions finish while their clients are still there.
"""

from __future__ import annotations

import uvicorn

from .context import EmulatorContext

__all__ = ["EmulatorServer"]


class EmulatorServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, context: EmulatorContext) -> None:
        self._context = context
        self._exit_asked = False
        super().__init__(config)

    @property
    def should_exit(self) -> bool:
        return self._exit_asked

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        self._exit_asked = value
        if value:
            self._context.begin_shutdown()
