from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator

from cfasr_ext._config import Settings, resolve_settings
from tests.cfasr_ext.streaming.fake_deepgram import (
    ACCOUNT,
    TOKEN,
    FakeDeepgram,
    Script,
    fake_deepgram,
)

WAIT_SECONDS = 10.0
"""Bound on every wait in these tests: far longer than anything takes, so only a hang (a bug)
reaches it, and the test then fails instead of blocking the suite."""


def settings_for(server: FakeDeepgram, *, token: str = TOKEN, **kwargs: object) -> Settings:
    return resolve_settings(
        api_token=token,
        account_id=ACCOUNT,
        base_url=server.base_url,
        environ={},
        **kwargs,  # type: ignore[arg-type]
    )


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait (at most WAIT_SECONDS) until `condition()` holds; `what` names it on failure."""
    try:
        async with asyncio.timeout(WAIT_SECONDS):
            while not condition():
                await asyncio.sleep(0.01)
    except TimeoutError:
        raise AssertionError(f"{what}: still not true after {WAIT_SECONDS} s") from None


def stream_threads() -> list[threading.Thread]:
    """The blocking twin's loop threads that are alive now."""
    return [thread for thread in threading.enumerate() if thread.name == "cfasr-stream"]


@contextlib.contextmanager
def fake_deepgram_in_thread(script: Script | None = None) -> Iterator[Settings]:
    """The scripted server on its own event loop in a thread, for the blocking twin."""
    ready = threading.Event()
    stop = threading.Event()
    found: list[Settings] = []

    def serve() -> None:
        async def main() -> None:
            async with fake_deepgram(script) as server:
                found.append(settings_for(server))
                ready.set()
                while not stop.is_set():
                    await asyncio.sleep(0.01)

        asyncio.run(main())

    thread = threading.Thread(target=serve, name="fake-deepgram", daemon=True)
    thread.start()
    try:
        assert ready.wait(WAIT_SECONDS), "the fake server did not start"
        yield found[0]
    finally:
        stop.set()
        thread.join(WAIT_SECONDS)
    assert not thread.is_alive(), "the fake server did not stop"
