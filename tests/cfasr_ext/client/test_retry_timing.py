"""How long the client waits between attempts: exponential backoff with jitter, or exactly
what `Retry-After` asks for on any retryable status. Sleeps are recorded, never slept."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator

import pytest

import cfasr_ext as cf
from cfasr_ext._errors import error_from_response
from tests.cfasr_ext.client.conftest import Runner
from tests.support.fake_http import Scripted

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


def status_error(status: int, code: int = 3040, retry_after: str = "") -> cf.APIStatusError:
    body = b'{"success":false,"errors":[{"code":%d,"message":"x"}]}' % code
    return error_from_response(status, body, {"Retry-After": retry_after} if retry_after else {})


def failing(status: int, code: int = 3040, retry_after: str = "") -> Scripted:
    body = {"success": False, "errors": [{"code": code, "message": "busy"}], "result": None}
    headers = {"Retry-After": retry_after} if retry_after else {}
    return Scripted(status=status, body=body, headers=headers)


class SleepRecorder:
    """Stands in for time.sleep / asyncio.sleep: remembers each wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.waits.append(seconds)


def policy(recorder: SleepRecorder, jitter: float = 0.25) -> cf.RetryPolicy:
    return cf.RetryPolicy(jitter=jitter, sleep=recorder, async_sleep=recorder.asleep)


# ---- RetryPolicy.delay, pure -------------------------------------------------------------


def test_backoff_doubles_from_half_a_second_up_to_eight() -> None:
    no_jitter = cf.RetryPolicy(random=lambda: 0.0)
    error = status_error(500)
    delays = [no_jitter.delay(n, error) for n in range(1, 8)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@pytest.mark.parametrize(("draw", "factor"), [(0.0, 1.0), (0.5, 0.875), (0.999, 0.75025)])
def test_jitter_removes_up_to_a_quarter_of_the_delay(draw: float, factor: float) -> None:
    jittered = cf.RetryPolicy(random=lambda: draw)
    assert jittered.delay(3, status_error(503)) == pytest.approx(2.0 * factor)


def test_jitter_comes_from_the_injected_random_source() -> None:
    draws: Iterator[float] = iter([0.0, 1.0])
    jittered = cf.RetryPolicy(random=lambda: next(draws))
    assert jittered.delay(1, status_error(500)) == 0.5
    assert jittered.delay(1, status_error(500)) == pytest.approx(0.375)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retry_after_is_used_verbatim_for_every_retryable_status(status: int) -> None:
    error = status_error(status, retry_after="3")
    assert error.retry_after == 3.0
    assert cf.RetryPolicy(random=lambda: 0.999).delay(1, error) == 3.0
    assert cf.RetryPolicy().delay(5, error) == 3.0


def test_retry_after_as_an_http_date_on_a_503() -> None:
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    error = error_from_response(503, b"", {"Retry-After": in_a_minute})
    assert error.retry_after is not None
    assert 55 <= error.retry_after <= 60
    assert error_from_response(503, b"", {}).retry_after is None


def test_a_retry_after_above_the_cap_is_not_waited_for() -> None:
    capped = cf.RetryPolicy(max_retry_after=60.0)
    assert capped.delay(1, status_error(503, retry_after="60")) == 60.0
    assert capped.delay(1, status_error(503, retry_after="61")) is None


def test_daily_limit_3036_is_not_retryable_even_with_retry_after() -> None:
    error = status_error(429, code=3036, retry_after="1")
    assert not cf.RetryPolicy().is_retryable(error)


# ---- the client waits exactly that long (real 127.0.0.1 server, recorded sleeps) ---------


@pytest.mark.parametrize("status", [429, 503, 502])
def test_client_waits_exactly_what_retry_after_says(run: Runner, status: int) -> None:
    recorder = SleepRecorder()
    run.server.script = [
        failing(status, retry_after="3"),
        failing(status, retry_after="1.5"),
    ]
    run(lambda c: c.whisper.transcribe(WAV), retry_policy=policy(recorder))
    assert recorder.waits == [3.0, 1.5]
    assert len(run.server.requests) == 3


def test_client_backs_off_exponentially_without_retry_after(run: Runner) -> None:
    recorder = SleepRecorder()
    run.server.script = [failing(503), failing(503), failing(500)]
    no_jitter = policy(recorder, jitter=0.0)
    run(lambda c: c.whisper.transcribe(WAV), retry_policy=no_jitter, max_retries=3)
    assert recorder.waits == [0.5, 1.0, 2.0]


def test_client_raises_at_once_when_retry_after_is_over_the_cap(run: Runner) -> None:
    recorder = SleepRecorder()
    run.server.script = [failing(503, retry_after="3600")]
    with pytest.raises(cf.InternalServerError) as caught:
        run(lambda c: c.whisper.transcribe(WAV), retry_policy=policy(recorder))
    assert caught.value.retry_after == 3600.0
    assert "Retry-After" in "\n".join(caught.value.__notes__)
    assert recorder.waits == []
    assert len(run.server.requests) == 1


def test_client_never_retries_3036_even_with_retry_after(run: Runner) -> None:
    recorder = SleepRecorder()
    run.server.default = failing(429, code=3036, retry_after="1")
    with pytest.raises(cf.RateLimitError):
        run(lambda c: c.whisper.transcribe(WAV), retry_policy=policy(recorder))
    assert recorder.waits == []
    assert len(run.server.requests) == 1
