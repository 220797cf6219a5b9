"""A caller's own httpx client keeps its settings; closing works the same on both twins."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import Runner

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


class TimeoutRecorder:
    """Real transports (real sockets) that note the timeout each request was sent with."""

    def __init__(self) -> None:
        self.seen: list[dict[str, float | None]] = []
        recorder = self

        class Sync(httpx.HTTPTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                recorder.seen.append(dict(request.extensions["timeout"]))
                return super().handle_request(request)

        class Async(httpx.AsyncHTTPTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                recorder.seen.append(dict(request.extensions["timeout"]))
                return await super().handle_async_request(request)

        self.sync, self.async_ = Sync, Async

    def http_client(self, kind: str, **options: Any) -> httpx.Client | httpx.AsyncClient:
        if kind == "sync":
            return httpx.Client(transport=self.sync(), **options)
        return httpx.AsyncClient(transport=self.async_(), **options)

    def transport(self, kind: str) -> httpx.BaseTransport | httpx.AsyncBaseTransport:
        return self.sync() if kind == "sync" else self.async_()


def timeouts(read: float, connect: float) -> dict[str, float | None]:
    return {"connect": connect, "read": read, "write": read, "pool": read}


def test_the_callers_http_client_keeps_its_own_timeout(run: Runner) -> None:
    recorder = TimeoutRecorder()
    http = recorder.http_client(run.kind, timeout=300)
    run(lambda c: c.whisper.transcribe(WAV), http_client=http)
    assert recorder.seen == [timeouts(read=300, connect=300)]


def test_an_explicit_timeout_wins_over_the_callers_http_client(run: Runner) -> None:
    recorder = TimeoutRecorder()
    http = recorder.http_client(run.kind, timeout=300)
    run(lambda c: c.whisper.transcribe(WAV), http_client=http, timeout=7)
    assert recorder.seen == [timeouts(read=7, connect=5)]


@pytest.mark.parametrize(("given", "read"), [(None, 60.0), (7, 7.0)])
def test_cfasrs_own_http_client_uses_cfasrs_timeout(
    run: Runner, given: float | None, read: float
) -> None:
    recorder = TimeoutRecorder()
    run(lambda c: c.whisper.transcribe(WAV), transport=recorder.transport(run.kind), timeout=given)
    assert recorder.seen == [timeouts(read=read, connect=5)]


class ClosingTransport(httpx.AsyncHTTPTransport):
    closed = False

    async def aclose(self) -> None:
        self.closed = True
        await super().aclose()


@pytest.mark.parametrize("method", ["close", "aclose"])
async def test_async_client_closes_with_close_or_aclose(method: str) -> None:
    transport = ClosingTransport()
    client = cf.AsyncClient(api_token="t" * 40, account_id="0" * 32, transport=transport)
    await getattr(client, method)()
    assert transport.closed


async def test_async_client_close_leaves_the_callers_http_client_open() -> None:
    async with httpx.AsyncClient() as http:
        client = cf.AsyncClient(api_token="t" * 40, account_id="0" * 32, http_client=http)
        await client.close()
        assert not http.is_closed


def test_sync_client_close_is_not_a_coroutine() -> None:
    client = cf.Client(api_token="t" * 40, account_id="0" * 32)
    client.close()
    assert not inspect.iscoroutinefunction(cf.Client.close)
    assert inspect.iscoroutinefunction(cf.AsyncClient.close)
    assert inspect.iscoroutinefunction(cf.AsyncClient.aclose)
