"""Abandoned work stops (issue 29, item 8): a REST client that disconnects while its request
waits for or runs in the engine no longer leaves the engine decoding it for nobody.

Real engine, real sockets. A long recording (the weather sample repeated) keeps the engine
busy; the client then closes its socket. Everything is counted at ``/_emulator/status``:
the engine's turns that ran to their end (``engine_finished``) and those abandoned by
their caller (``engine_abandoned``), slots in use and decodes waiting. Polls are bounded
by a hang limit only; no assertion is about time.
"""

from __future__ import annotations

import io
import time
import wave
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from cfasr_emulator.engine import WEATHER, SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.cfasr_emulator.conftest import post
from tests.support.raw_http import head, open_socket

WHISPER = "@cf/openai/whisper"
REPEATS = 60
"""About four minutes of speech: far longer to decode than the test takes to hang up."""
HANG_BOUND_S = 300.0
"""How long a poll waits before the test fails as hung (a long decode left to finish
before the fix can take minutes on a busy machine)."""


def _long_wav() -> bytes:
    with wave.open(str(WEATHER.path)) as source:
        params = source.getparams()
        frames = source.readframes(source.getnframes())
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setparams(params)
        target.writeframes(frames * REPEATS)
    return out.getvalue()


def _status(emu: EmulatorHandle) -> dict[str, Any]:
    doc: dict[str, Any] = httpx.get(
        emu.base_url.removesuffix("/client/v4") + "/_emulator/status", timeout=30
    ).json()
    return doc


def _poll(emu: EmulatorHandle, ready: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The first status for which ``ready`` holds; fails the test as hung past the bound."""
    end = time.monotonic() + HANG_BOUND_S
    while True:
        status = _status(emu)
        if ready(status):
            return status
        assert time.monotonic() < end, f"hung: {status}"
        time.sleep(0.05)


def _start_long_post(emu: EmulatorHandle, audio: bytes) -> Any:
    """A whole long POST sent on a raw socket whose answer is never read."""
    sock = open_socket(emu)
    path = emu.model_url(WHISPER).split(f"{emu.port}", 1)[1]
    sock.sendall(
        head(
            emu,
            path,
            method="POST",
            Content_Type="audio/wav",
            Content_Length=str(len(audio)),
        )
        + audio
    )
    return sock


@pytest.fixture
def one_at_a_time() -> Iterator[Callable[[int], EmulatorHandle]]:
    """An emulator whose engine decodes one request at a time and admits ``queue``."""
    handles: list[Any] = []

    def start(queue: int) -> EmulatorHandle:
        manager = run_emulator(engine=SpeechEngine(max_queue=queue))
        handles.append(manager)
        return manager.__enter__()

    yield start
    for manager in reversed(handles):
        manager.__exit__(None, None, None)


def test_a_client_that_hangs_up_stops_its_running_decode(
    one_at_a_time: Callable[[int], EmulatorHandle],
) -> None:
    emu = one_at_a_time(1)
    sock = _start_long_post(emu, _long_wav())
    _poll(emu, lambda s: s["engine_in_flight"] == 1 and s["engine_waiting"] == 0)
    sock.close()

    freed = _poll(emu, lambda s: s["engine_in_flight"] == 0)
    assert freed["engine_abandoned"] == 1, freed
    assert freed["engine_finished"] == 0, freed  # it was stopped, not decoded to its end

    # The one slot is free: the next caller is admitted and served, not refused with 429.
    answer = post(emu, WHISPER, content=WEATHER.path.read_bytes())
    assert answer.status_code == 200, answer.text
    assert _status(emu)["engine_finished"] == 1


def test_a_client_that_hangs_up_while_queued_is_dropped_from_the_queue(
    one_at_a_time: Callable[[int], EmulatorHandle],
) -> None:
    emu = one_at_a_time(2)
    audio = _long_wav()
    running = _start_long_post(emu, audio)
    _poll(emu, lambda s: s["engine_in_flight"] == 1 and s["engine_waiting"] == 0)
    queued = _start_long_post(emu, audio)
    _poll(emu, lambda s: s["engine_waiting"] == 1)
    queued.close()

    dropped = _poll(emu, lambda s: s["engine_waiting"] == 0)
    assert dropped["engine_abandoned"] == 1, dropped
    assert dropped["engine_in_flight"] == 1, dropped  # the first is still decoding
    assert dropped["engine_finished"] == 0, dropped
    running.close()
    stopped = _poll(emu, lambda s: s["engine_in_flight"] == 0)
    assert stopped["engine_abandoned"] == 2, stopped
