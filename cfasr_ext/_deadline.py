"""A deadline on each attempt's answer, below httpx, so a trickling server cannot hold us.

httpx's read timeout applies to each read of the socket. A server (or a broken proxy) that
sends one byte of its status line every few seconds never trips it, and the client waits
forever. So the transports cfasr builds wrap their network streams: while an attempt runs
under :func:`answer_deadline`, its first read starts a clock of ``seconds``, and every read
after it gets only what is left; past it, the read fails with httpcore's ``ReadTimeout``,
which httpx and cfasr report as a timeout (`APITimeoutError`, retried like any other).

The clock starts at the first read, not when the attempt starts, because the upload comes
before it: a large file on a slow link may take longer than the timeout to send. So
``timeout`` bounds the wait for the answer and the answer itself, as the documentation says.
A transport or ``http_client`` the caller brings is used as it is, without this deadline.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import time
import typing
from collections.abc import Iterable, Iterator

import httpcore
import httpx

__all__ = ["answer_deadline", "async_transport", "sync_transport"]

SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)
"""httpcore's SOCKET_OPTION, spelled out (it is not exported)."""


class _Clock:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends: float | None = None

    def read_timeout(self, timeout: float | None) -> float:
        """``timeout`` shortened to what is left; raise once nothing is."""
        now = time.monotonic()
        if self.ends is None:
            self.ends = now + self.seconds
        left = self.ends - now
        if left <= 0:
            raise httpcore.ReadTimeout(f"the answer did not finish within {self.seconds:g} s")
        return left if timeout is None else min(timeout, left)


_CLOCK: contextvars.ContextVar[_Clock | None] = contextvars.ContextVar(
    "cfasr_answer_deadline", default=None
)


@contextlib.contextmanager
def answer_deadline(seconds: float) -> Iterator[None]:
    """Reads made in this block (this thread or task) share one deadline of ``seconds``."""
    token = _CLOCK.set(_Clock(seconds))
    try:
        yield
    finally:
        _CLOCK.reset(token)


def _timeout(timeout: float | None) -> float | None:
    clock = _CLOCK.get()
    return timeout if clock is None else clock.read_timeout(timeout)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _timeout(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, _timeout(timeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(
            self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _AsyncStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._backend.connect_unix_socket(path, timeout, socket_options)
        return _AsyncStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def sync_transport() -> httpx.HTTPTransport:
    """httpx's default transport, its streams under the answer deadline."""
    transport = httpx.HTTPTransport()
    # httpcore takes a backend only in its own constructor, which httpx calls for us.
    pool = transport._pool
    pool._network_backend = _Backend(pool._network_backend)
    return transport


def async_transport() -> httpx.AsyncHTTPTransport:
    """httpx's default async transport, its streams under the answer deadline."""
    transport = httpx.AsyncHTTPTransport()
    pool = transport._pool
    pool._network_backend = _AsyncBackend(pool._network_backend)
    return transport
