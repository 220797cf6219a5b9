"""Run the emulator inside a test process: a real uvicorn server on a free loopback port.

from cfasr_emulator.testing import run_emulator

with run_emulator() as emu:
    client = cfasr_ext.Client(api_token=emu.token, account_id=emu.account_id,
                              base_url=emu.base_url)
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import attrs

from .defaults import DEFAULT_ACCOUNT_ID, LENIENT_TOKEN, require_server_extra

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "LENIENT_TOKEN",
    "EmulatorHandle",
    "arun_emulator",
    "require_server_extra",
    "run_emulator",
]
"""``DEFAULT_ACCOUNT_ID``, ``LENIENT_TOKEN`` and ``require_server_extra`` live in
:mod:`cfasr_emulator.defaults` (production code uses them); they stay importable from here."""

_START_TIMEOUT_S = 60.0


@attrs.frozen(repr=False)
class EmulatorHandle:
    """Where a running emulator listens and the credentials it accepts."""

    base_url: str
    """e.g. ``http://127.0.0.1:54321/client/v4``"""
    token: str
    account_id: str
    host: str
    port: int
    context: Any
    """The server's :class:`~cfasr_emulator.context.EmulatorContext` (config, engine...)."""

    @property
    def ws_base_url(self) -> str:
        return "ws" + self.base_url.removeprefix("http")

    def model_url(self, model: str) -> str:
        """Full REST URL of ``model`` (e.g. ``"@cf/openai/whisper"``) on this emulator."""
        return f"{self.base_url}/accounts/{self.account_id}/ai/run/{model}"

    def websocket_url(self, model: str) -> str:
        return f"{self.ws_base_url}/accounts/{self.account_id}/ai/run/{model}"

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def __repr__(self) -> str:
        return f"EmulatorHandle(base_url={self.base_url!r}, account_id={self.account_id!r})"


@contextlib.contextmanager
def run_emulator(
    *,
    account_id: str = DEFAULT_ACCOUNT_ID,
    engine: Any = None,
    log_level: str = "warning",
    **options: Any,
) -> Iterator[EmulatorHandle]:
    """Start the emulator in a background thread; stop it (gracefully) on exit.

    ``options`` are :class:`~cfasr_emulator.config.ServerConfig` fields (``host`` defaults
    to 127.0.0.1, ``port`` to a free one). Pass ``engine`` to reuse loaded models.
    """
    require_server_extra()

    from .app import create_app
    from .config import ServerConfig
    from .serving import uvicorn_config
    from .shutdown import EmulatorServer

    host = options.pop("host", "127.0.0.1")
    port = options.pop("port", 0)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    port = sock.getsockname()[1]
    config = ServerConfig(host=host, port=port, **options)
    app = create_app(config, engine=engine)
    server = EmulatorServer(uvicorn_config(app, config, log_level=log_level), app.state.ctx)
    failure: list[BaseException] = []

    def serve() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # Reported to the caller below, not lost in the thread.
            failure.append(exc)

    thread = threading.Thread(target=serve, name=f"cfasr-emulator-{port}", daemon=True)
    thread.start()
    try:
        waited = 0.0
        while not server.started:
            if not thread.is_alive() or waited > _START_TIMEOUT_S:
                raise RuntimeError(
                    f"the emulator did not start on {host}:{port}"
                    + (f": {failure[0]!r}" if failure else "")
                )
            thread.join(0.02)
            waited += 0.02
        yield EmulatorHandle(
            base_url=config.base_url,
            token=config.token or LENIENT_TOKEN,
            account_id=account_id,
            host=host,
            port=port,
            context=app.state.ctx,
        )
    finally:
        server.should_exit = True
        thread.join(config.graceful_shutdown_s + 5)
        sock.close()


@contextlib.asynccontextmanager
async def arun_emulator(**options: Any) -> AsyncIterator[EmulatorHandle]:
    """:func:`run_emulator` for ``async with``; the server still runs in its own thread."""
    manager = run_emulator(**options)
    handle = await asyncio.to_thread(manager.__enter__)
    try:
        yield handle
    finally:
        await asyncio.to_thread(manager.__exit__, None, None, None)
