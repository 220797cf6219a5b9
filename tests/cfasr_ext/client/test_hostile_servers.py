"""The client against servers that stop answering: it times out with a typed error, never
hangs, and retries no more than ``max_retries`` times (the server counts the attempts).

Each call runs in a worker thread bounded by ``HANG_BOUND_S``: a client that hangs fails the
test there instead of hanging the suite. The bound is not a speed requirement.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any

import pytest

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import Runner
from tests.support.fake_http import STALL, TRICKLE, Stall
from tests.support.raw_http import HANG_BOUND_S

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64
TIMEOUT_S = 0.5


def bounded(run: Runner, action: Callable[[Any], Any], **options: Any) -> BaseException:
    """The exception ``action`` raised, or fail if it did not end within HANG_BOUND_S."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        future = pool.submit(run, action, timeout=TIMEOUT_S, **options)
        try:
            error = future.exception(timeout=HANG_BOUND_S)
        except concurrent.futures.TimeoutError:
            run.server.released.set()  # let the worker go, then fail
            pytest.fail(f"the client was still waiting after {HANG_BOUND_S} s")
    assert error is not None, "the call succeeded against a server that never answered"
    return error


@pytest.mark.parametrize("max_retries", [0, 2])
def test_a_server_that_never_answers_times_out_after_every_allowed_attempt(
    run: Runner, max_retries: int
) -> None:
    run.server.hostile = STALL
    error = bounded(run, lambda c: c.whisper.transcribe(WAV), max_retries=max_retries)
    assert isinstance(error, cf.APITimeoutError)
    assert len(run.server.requests) == 1 + max_retries


def test_a_response_that_stalls_mid_body_times_out_and_is_retried_within_limits(
    run: Runner,
) -> None:
    run.server.hostile = Stall(after_bytes=10)
    error = bounded(run, lambda c: c.whisper.transcribe(WAV), max_retries=1)
    assert isinstance(error, cf.APITimeoutError)
    assert len(run.server.requests) == 2


def test_headers_that_trickle_forever_time_out(run: Runner) -> None:
    """Every byte arrives well within the read timeout, but the head never ends: a timeout
    per read alone waited forever (issue 18.7); the answer now has a deadline."""
    run.server.hostile = TRICKLE
    error = bounded(run, lambda c: c.whisper.transcribe(WAV), max_retries=1)
    assert isinstance(error, cf.APITimeoutError)
    assert len(run.server.requests) == 2
