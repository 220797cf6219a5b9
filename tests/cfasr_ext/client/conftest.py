from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cfasr_ext import AsyncClient, Client, RateLimiter, RetryPolicy
from tests.support.fake_http import ScriptedServer, scripted_server

ACCOUNT = "0123456789abcdef0123456789abcdef"
TOKEN = "tok_Sup3rSecretValue_42"
FAST = RetryPolicy(initial_delay=0.001, max_delay=0.002)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server() as state:
        yield state


class Runner:
    """Runs the same client code with `Client` or `AsyncClient` (awaiting when async)."""

    def __init__(self, kind: str, server: ScriptedServer) -> None:
        self.kind, self.server = kind, server

    def options(self, **overrides: Any) -> dict[str, Any]:
        options: dict[str, Any] = {
            "api_token": TOKEN,
            "account_id": ACCOUNT,
            "base_url": self.server.base_url,
            "retry_policy": FAST,
            "rate_limiter": RateLimiter(1e9),
        }
        options.update(overrides)
        return options

    def __call__(self, action: Callable[[Any], Any], **overrides: Any) -> Any:
        if self.kind == "sync":
            with Client(**self.options(**overrides)) as client:
                return action(client)

        async def go() -> Any:
            async with AsyncClient(**self.options(**overrides)) as client:
                result = action(client)
                return await result if asyncio.iscoroutine(result) else result

        return asyncio.run(go())


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest, server: ScriptedServer) -> Runner:
    return Runner(request.param, server)
