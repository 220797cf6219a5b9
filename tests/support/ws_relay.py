"""A WebSocket relay on 127.0.0.1 that checks every frame against openapi.yaml's message schemas.

Point the SDK at :attr:`WsRelay.base_url` instead of the emulator: the relay opens the same
path upstream with the same headers, forwards frames both ways, passes handshake refusals
through unchanged, and mirrors how the upstream connection ended (a close frame with its
code, or a dropped TCP connection for 1006), so faults injected by the emulator reach the
SDK as they would directly.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

import attrs
from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.http11 import Request, Response

from tests.support.spec import operation_id, ws_problem
from tests.support.summary import FIGURES

__all__ = ["Frame", "WsRelay", "ws_relay"]

_NOT_FORWARDED = {
    "host",
    "upgrade",
    "connection",
    "sec-websocket-key",
    "sec-websocket-version",
    "sec-websocket-extensions",
    "sec-websocket-accept",
    "user-agent",
}


@attrs.frozen
class Frame:
    """One relayed frame: who sent it, text or binary size, and its schema problem if any."""

    from_server: bool
    text: str | None
    size: int
    problem: str | None


@attrs.define
class WsRelay:
    upstream: str
    """The emulator's ws:// origin, e.g. ``ws://127.0.0.1:5555``."""
    port: int = 0
    frames: list[Frame] = attrs.field(factory=list)
    refusals: list[int] = attrs.field(factory=list)
    connections: int = 0
    operations: set[str] = attrs.field(factory=set)
    _pending: dict[int, ClientConnection] = attrs.field(factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/client/v4"

    def problems(self) -> list[str]:
        return [f.problem for f in self.frames if f.problem is not None]

    def texts(self, *, from_server: bool) -> list[str]:
        return [f.text for f in self.frames if f.from_server is from_server and f.text is not None]

    def assert_conforms(self) -> None:
        found = self.problems()
        assert not found, "WebSocket frames that break openapi.yaml:\n" + "\n".join(found)
        for operation in self.operations:
            FIGURES.covered(operation)

    async def _open_upstream(
        self, connection: ServerConnection, request: Request
    ) -> Response | None:
        headers = [
            (k, v) for k, v in request.headers.raw_items() if k.lower() not in _NOT_FORWARDED
        ]
        try:
            upstream = await connect(
                self.upstream + request.path,
                additional_headers=headers,
                compression=None,
                max_size=None,
                open_timeout=30,
            )
        except InvalidStatus as exc:
            refused = exc.response
            self.refusals.append(refused.status_code)
            kept = Headers(
                (k, v) for k, v in refused.headers.raw_items() if k.lower() != "connection"
            )
            return Response(refused.status_code, refused.reason_phrase, kept, refused.body)
        self.connections += 1
        operation = operation_id("get", request.path.split("?", 1)[0])
        if operation is not None:
            self.operations.add(operation)
        self._pending[id(connection)] = upstream
        return None

    async def _relay(self, client: ServerConnection) -> None:
        upstream = self._pending.pop(id(client))
        protocol = "v2" if "/@cf/deepgram/flux" in client.request.path else "v1"  # type: ignore[union-attr]
        to_server = asyncio.create_task(self._pump(client, upstream, protocol, from_server=False))
        to_client = asyncio.create_task(self._pump(upstream, client, protocol, from_server=True))
        done, _ = await asyncio.wait({to_server, to_client}, return_when=asyncio.FIRST_COMPLETED)
        if to_client in done:
            rcvd = upstream.protocol.close_rcvd
            if rcvd is None:
                client.transport.abort()  # the server dropped the connection: so do we
            else:
                await client.close(rcvd.code, rcvd.reason)
        else:
            sent = client.protocol.close_rcvd
            await upstream.close(sent.code if sent else 1000, sent.reason if sent else "")
        for task in (to_server, to_client):
            task.cancel()
        await asyncio.gather(to_server, to_client, return_exceptions=True)
        await upstream.close()

    async def _pump(
        self,
        source: ServerConnection | ClientConnection,
        sink: ServerConnection | ClientConnection,
        protocol: str,
        *,
        from_server: bool,
    ) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for message in source:
                text = message if isinstance(message, str) else None
                problem = ws_problem(message, protocol=protocol, from_server=from_server)
                self.frames.append(Frame(from_server, text, len(message), problem))
                with contextlib.suppress(ConnectionClosed):
                    await sink.send(message)


@contextlib.contextmanager
def ws_relay(upstream_base_url: str) -> Iterator[WsRelay]:
    """Run a relay in a background thread in front of ``upstream_base_url`` (the emulator's
    ``http://host:port/client/v4``); yields it once it listens."""
    origin = "ws" + upstream_base_url.removeprefix("http").split("/client/v4")[0]
    relay = WsRelay(origin)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: list[Server] = []

    async def start() -> None:
        server = await serve(
            relay._relay,
            "127.0.0.1",
            0,
            process_request=relay._open_upstream,
            compression=None,
            max_size=None,
        )
        relay.port = next(iter(server.sockets)).getsockname()[1]
        holder.append(server)
        started.set()

    thread = threading.Thread(target=loop.run_forever, name="ws-relay", daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield relay
    finally:

        async def stop() -> None:
            holder[0].close()
            await holder[0].wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
