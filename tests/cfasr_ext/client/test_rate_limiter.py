"""The client-side rate limiter: never more than `requests_per_minute` in any 60-second window
(what Cloudflare and the emulator count), shared per account, safe across threads and tasks."""

from __future__ import annotations

import asyncio
import bisect
import threading
import uuid

import pytest

import cfasr_ext as cf
from cfasr_ext._ratelimit import shared_rate_limiter
from tests.cfasr_ext.client.conftest import Runner

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def busiest_window(times: list[float], width: float = 60.0) -> int:
    """The most send times in any half-open window [t, t + width)."""
    ordered = sorted(times)
    return max(bisect.bisect_left(ordered, t + width) - i for i, t in enumerate(ordered))


def greedy_send_times(limiter: cf.RateLimiter, clock: FakeClock, count: int) -> list[float]:
    """A caller that sends the moment the limiter lets it (sleeping moves the fake clock)."""
    times = []
    for _ in range(count):
        clock.now += limiter.reserve()
        times.append(clock.now)
    return times


def test_default_never_exceeds_720_in_any_60_second_window() -> None:
    clock = FakeClock()
    times = greedy_send_times(cf.RateLimiter(clock=clock), clock, 3 * 720 + 1)
    assert busiest_window(times) == 720


def test_default_still_sends_720_per_minute_sustained() -> None:
    clock = FakeClock()
    times = greedy_send_times(cf.RateLimiter(clock=clock), clock, 3 * 720 + 1)
    assert sum(t < 180.0 for t in times) == 3 * 720
    assert times[-1] == pytest.approx(180.0)


def test_default_sends_a_burst_of_60_at_once_then_12_per_second() -> None:
    clock = FakeClock()
    times = greedy_send_times(cf.RateLimiter(clock=clock), clock, 63)
    assert times[:60] == [0.0] * 60
    assert times[60:] == pytest.approx([1 / 12, 2 / 12, 3 / 12])


@pytest.mark.parametrize(("per_minute", "burst"), [(60, 1), (60, 7), (720, 50), (100, None)])
def test_any_rate_and_burst_keep_the_window_exact(per_minute: int, burst: int | None) -> None:
    clock = FakeClock()
    limiter = cf.RateLimiter(per_minute, burst=burst, clock=clock)
    times = greedy_send_times(limiter, clock, 4 * per_minute)
    assert busiest_window(times) == per_minute
    assert sum(t < 240.0 for t in times) == 4 * per_minute


def test_one_per_second_with_no_burst() -> None:
    clock = FakeClock()
    limiter = cf.RateLimiter(60, burst=1, clock=clock)
    assert [limiter.reserve() for _ in range(5)] == pytest.approx([0.0, 1.0, 2.0, 3.0, 4.0])
    clock.now = 10.0  # idle time does not bank more than the burst
    assert limiter.reserve() == 0.0
    assert limiter.reserve() == pytest.approx(1.0)


def test_threads_reserving_at_once_share_one_exact_window() -> None:
    clock = FakeClock()
    limiter = cf.RateLimiter(clock=clock)
    scheduled: list[float] = []
    lock = threading.Lock()

    def caller() -> None:
        for _ in range(300):
            wait = limiter.reserve()
            with lock:
                scheduled.append(clock.now + wait)

    threads = [threading.Thread(target=caller) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(scheduled) == 2400
    assert busiest_window(scheduled) == 720


async def test_tasks_acquiring_at_once_share_one_exact_window() -> None:
    clock = FakeClock()
    limiter = cf.RateLimiter(clock=clock)
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    async def caller() -> None:
        for _ in range(100):
            await limiter.acquire_async(sleep=fake_sleep)

    await asyncio.gather(*(caller() for _ in range(10)))
    scheduled = [0.0] * (1000 - len(waits)) + waits
    assert busiest_window(scheduled) == 720


@pytest.mark.parametrize("bad", [0, 0.5, -3, float("inf"), float("nan")])
def test_rate_below_one_per_minute_or_infinite_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="requests_per_minute"):
        cf.RateLimiter(bad)


def test_clients_of_one_account_share_its_limiter(run: Runner) -> None:
    account, other = uuid.uuid4().hex, uuid.uuid4().hex
    run(lambda c: c.whisper.transcribe(WAV), account_id=account, rate_limiter=None)
    run(lambda c: c.whisper.transcribe(WAV), account_id=account.upper(), rate_limiter=None)
    run(lambda c: c.whisper.transcribe(WAV), account_id=other, rate_limiter=None)
    assert shared_rate_limiter(account) is shared_rate_limiter(account.upper())
    assert shared_rate_limiter(account) is not shared_rate_limiter(other)
    assert shared_rate_limiter(account).used() == 2
    assert shared_rate_limiter(other).used() == 1


def test_a_limiter_passed_to_several_clients_is_shared(run: Runner) -> None:
    limiter = cf.RateLimiter(60, burst=2, clock=FakeClock())
    run(lambda c: c.whisper.transcribe(WAV), rate_limiter=limiter)
    run(lambda c: c.whisper.transcribe(WAV), rate_limiter=limiter)
    assert limiter.used() == 2
    assert limiter.reserve() == pytest.approx(1.0)  # 2 at once, then one a second
