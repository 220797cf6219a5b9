"""httpx transports that check every request and response against openapi.yaml.

Hand one to the SDK (``Client(transport=SpecCheckingTransport(log))``): each attempt is
recorded in a :class:`SpecLog` with its operation, status and any mismatch with the spec, so
a test can assert both what the SDK did (attempt counts) and that it kept the contract.
"""

from __future__ import annotations

import threading

import attrs
import httpx

from tests.support.spec import operation_id, request_problem, response_problem
from tests.support.summary import FIGURES

__all__ = ["AsyncSpecCheckingTransport", "Exchange", "SpecCheckingTransport", "SpecLog"]


@attrs.frozen
class Exchange:
    """One attempt as the transport saw it; ``status`` is None when no response came."""

    operation: str | None
    status: int | None
    request_problem: str | None
    response_problem: str | None
    transport_error: str | None = None

    @property
    def problems(self) -> list[str]:
        return [p for p in (self.request_problem, self.response_problem) if p is not None]


@attrs.define
class SpecLog:
    """Every exchange of one test, in order."""

    exchanges: list[Exchange] = attrs.field(factory=list)
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def add(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)
        if exchange.operation is not None and not exchange.problems:
            FIGURES.covered(exchange.operation)

    @property
    def attempts(self) -> int:
        return len(self.exchanges)

    @property
    def successes(self) -> int:
        """2xx answers with a body that matches the spec: results the caller could get."""
        return sum(
            1
            for e in self.exchanges
            if e.status is not None and 200 <= e.status < 300 and e.response_problem is None
        )

    def assert_conforms(self, *, skip: int = 0) -> None:
        """Fail unless every exchange after the first ``skip`` matched openapi.yaml."""
        found = [
            f"#{index} {e.operation} -> {e.status}: {problem}"
            for index, e in enumerate(self.exchanges)
            if index >= skip
            for problem in e.problems
        ]
        assert not found, "exchanges that break openapi.yaml:\n" + "\n".join(found)

    def assert_requests_conform(self) -> None:
        found = [e.request_problem for e in self.exchanges if e.request_problem is not None]
        assert not found, "requests that break openapi.yaml:\n" + "\n".join(found)


def _recorded(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    """A fully read copy of ``response`` (the original stream is already consumed)."""
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=response.content,
        request=request,
        extensions=response.extensions,
    )


class SpecCheckingTransport(httpx.BaseTransport):
    """Sync transport: validate, send through ``inner`` (a real HTTP transport), validate."""

    def __init__(self, log: SpecLog, inner: httpx.BaseTransport | None = None) -> None:
        self.log = log
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        operation = operation_id(request.method, request.url.path)
        sent_problem = request_problem(request)
        try:
            response = self._inner.handle_request(request)
            response.read()
        except httpx.TransportError as exc:
            self.log.add(Exchange(operation, None, sent_problem, None, type(exc).__name__))
            raise
        copy = _recorded(request, response)
        self.log.add(Exchange(operation, copy.status_code, sent_problem, response_problem(copy)))
        return copy

    def close(self) -> None:
        self._inner.close()


class AsyncSpecCheckingTransport(httpx.AsyncBaseTransport):
    """Asyncio twin of :class:`SpecCheckingTransport`."""

    def __init__(self, log: SpecLog, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.log = log
        self._inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        operation = operation_id(request.method, request.url.path)
        sent_problem = request_problem(request)
        try:
            response = await self._inner.handle_async_request(request)
            await response.aread()
        except httpx.TransportError as exc:
            self.log.add(Exchange(operation, None, sent_problem, None, type(exc).__name__))
            raise
        copy = _recorded(request, response)
        self.log.add(Exchange(operation, copy.status_code, sent_problem, response_problem(copy)))
        return copy

    async def aclose(self) -> None:
        await self._inner.aclose()
