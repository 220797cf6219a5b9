"""Stopping the emulator under load (issue 29, item 9): a REST request still running when the
grace period ends is answered 503 with Retry-After in Cloudflare's envelope, never uvicorn's
plain-text 500, and the log gets no traceback for it.

The request is kept busy past the grace with the ``delay=S`` fault, so the test does not
depend on how fast the machine is; a 1 s grace keeps it quick.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from cfasr_client.contract import EMULATOR_LIMITS

from cfasr_emulator.config import ServerConfig
from cfasr_emulator.testing import run_emulator
from tests.cfasr_emulator.conftest import post
from tests.support.raw_http import HANG_BOUND_S

WHISPER = "@cf/openai/whisper"
GRACE_S = 1.0
BUSY_S = 60
"""Far longer than the grace: the request cannot finish on its own before the server stops."""


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_log() -> Iterator[list[logging.LogRecord]]:
    """Warnings and errors the server logs (uvicorn's own and the emulator's): uvicorn's
    loggers do not propagate to the root logger, so ``caplog`` would not see them."""
    handler = _Records()
    loggers = [logging.getLogger(name) for name in ("uvicorn", "uvicorn.error", "cfasr_emulator")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def test_the_grace_period_is_a_declared_limit_of_30_seconds() -> None:
    limit = EMULATOR_LIMITS["graceful_shutdown_s"]
    assert limit.value == 30
    assert limit.flag == "--graceful-shutdown"
    assert ServerConfig().graceful_shutdown_s == limit.value


def test_a_request_still_running_when_the_grace_ends_gets_503_with_retry_after(
    weather_wav: bytes, server_log: list[logging.LogRecord]
) -> None:
    answers: list[httpx.Response] = []
    with run_emulator(engine_mode="skip", faults_enabled=True, graceful_shutdown_s=GRACE_S) as emu:
        request = threading.Thread(
            target=lambda: answers.append(
                post(
                    emu,
                    WHISPER,
                    content=weather_wav,
                    headers={"cf-emulator-fault": f"delay={BUSY_S}"},
                    timeout=HANG_BOUND_S,
                )
            )
        )
        request.start()
        while emu.context.faults.calls("runWhisper") == 0:  # the request is in the server
            time.sleep(0.01)
    request.join(HANG_BOUND_S)
    (answer,) = answers
    assert answer.status_code == 503, answer.text
    assert int(answer.headers["Retry-After"]) > 0
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["success"] is False
    assert body["errors"][0]["code"] == 3040
    assert "shutting down" in body["errors"][0]["message"]
    assert answer.headers["cf-ai-req-id"]
    problems = [r.getMessage() for r in server_log if r.levelno >= logging.ERROR or r.exc_info]
    assert problems == []
