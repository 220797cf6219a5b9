"""A reconnect whose handshake is refused decides like the REST client: the daily allocation
(429 / 3036) is final, and a `Retry-After` is waited for exactly (or, when longer than the
REST client would wait, ends the stream at once).

The emulator (skip mode, faults on) drops the first connection with 1011 right after the
handshake, so the session must reconnect; the rules say how the reconnects are answered.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cfasr_ext import RateLimitError
from cfasr_ext._config import Settings
from cfasr_ext._errors import CfasrError
from cfasr_ext.streaming import Metadata, Reconnecting, ReconnectPolicy, StreamEvent, connect_nova3

pytest.importorskip("cfasr_emulator.ws")
from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import install_faults, settings_for, suite_emulator

POLICY = ReconnectPolicy(backoff=0.01, max_backoff=0.02, max_attempts=5)
DROP_FIRST = "streamNova3@1:ws-close=1011;after-messages=0"
SILENCE = b"\0\0" * 1280  # 80 ms of 16 kHz linear16


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(engine_mode="skip") as handle:
        yield handle


@pytest.fixture(scope="module")
def settings(emulator: EmulatorHandle) -> Settings:
    return settings_for(emulator, timeout=20.0)


async def run_session(settings: Settings) -> tuple[list[StreamEvent], CfasrError | None]:
    """Every event of a short session and the error it ended with (None if it ended well)."""
    stream = connect_nova3(settings, encoding="linear16", sample_rate=16000, reconnect=POLICY)
    failure: CfasrError | None = None
    try:
        async with stream:
            await stream.send(SILENCE)
    except CfasrError as exc:
        failure = exc
    events: list[StreamEvent] = []
    try:
        async for event in stream:
            events.append(event)
    except CfasrError:
        pass  # the same failure, raised once more to the reader
    return events, failure


def delays(events: list[StreamEvent]) -> list[float]:
    return [event.delay for event in events if isinstance(event, Reconnecting)]


async def test_a_reconnect_refused_for_the_daily_allocation_is_not_retried(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    injector = install_faults(emulator, DROP_FIRST, "streamNova3@2+:3036")
    events, failure = await run_session(settings)
    assert isinstance(failure, RateLimitError)
    assert failure.is_daily_limit
    assert injector.calls("streamNova3") == 2  # the first connection and one refused retry
    assert delays(events) == [POLICY.delay(1)]


async def test_a_reconnect_refused_with_retry_after_waits_exactly_that_long(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    injector = install_faults(emulator, DROP_FIRST, "streamNova3@2:429;retry-after=0.3")
    events, failure = await run_session(settings)
    assert failure is None
    assert isinstance(events[-1], Metadata)
    assert injector.calls("streamNova3") == 3
    assert delays(events) == [POLICY.delay(1), 0.3]


async def test_a_retry_after_longer_than_the_rest_client_waits_ends_the_stream(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    injector = install_faults(emulator, DROP_FIRST, "streamNova3@2:429;retry-after=600")
    events, failure = await run_session(settings)
    assert isinstance(failure, RateLimitError)
    assert failure.retry_after == 600
    assert injector.calls("streamNova3") == 2
    assert delays(events) == [POLICY.delay(1)]


async def test_a_reconnect_refused_for_capacity_is_retried_with_backoff(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    injector = install_faults(emulator, DROP_FIRST, "streamNova3@2:3040")
    events, failure = await run_session(settings)
    assert failure is None
    assert isinstance(events[-1], Metadata)
    assert injector.calls("streamNova3") == 3
    assert delays(events) == [POLICY.delay(1), POLICY.delay(2)]
