"""Queued batches yield to interactive REST (issue 29, item 3): with 100 batches queued, a
REST client that honoured Retry-After got 429 on 60 tries of 60 over 60 s, because every
batch retried for an engine slot every 50 ms while the client came back after a second.

Here a small engine (2 slots) has many more batches queued than it has slots; a client that
honours Retry-After must be served within a few tries. Tries are counted, not timed.
"""

from __future__ import annotations

import threading
import time

import pytest

from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.engine.admission import FOREGROUND_HOLD_S, AdmissionGate
from cfasr_emulator.engine.scheduler import FairScheduler
from cfasr_emulator.error_envelope import CAPACITY_RETRY_AFTER_S
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.cfasr_emulator.conftest import post

TINY = "@cf/openai/whisper-tiny-en"
QUEUE = {"queueRequest": "true"}
BATCHES = 40
"""Twenty times the engine's slots: before the fix they held every slot for the whole test."""
ENGINE_SLOTS = 2
TRIES = 4


def _interactive_tries(emu: EmulatorHandle, audio: bytes) -> list[int]:
    """The statuses a client honouring Retry-After gets until it is served (at most TRIES)."""
    statuses = []
    for _ in range(TRIES):
        response = post(emu, TINY, content=audio)
        statuses.append(response.status_code)
        if response.status_code != 429:
            assert response.status_code == 200, response.text
            assert "weather" in response.json()["result"]["text"].lower()
            break
        time.sleep(float(response.headers["Retry-After"]))
    return statuses


@pytest.mark.slow(cpu_s=10)
def test_a_rest_client_honouring_retry_after_is_served_while_batches_are_queued(
    weather_wav: bytes,
) -> None:
    with run_emulator(engine=SpeechEngine(max_queue=ENGINE_SLOTS)) as emu:
        for _ in range(BATCHES):
            queued = post(emu, TINY, params=QUEUE, content=weather_wav)
            assert queued.status_code == 200, queued.text
        statuses = _interactive_tries(emu, weather_wav)
        assert emu.context.batches.pending > 0  # the batches were still queued throughout
    assert statuses[-1] == 200, statuses
    assert len(statuses) <= 2, statuses


def test_background_work_never_takes_the_slots_interactive_work_needs() -> None:
    gate = AdmissionGate(4)
    held = [gate.try_admit(background=True) for _ in range(4)]
    assert sum(slot is not None for slot in held) == 2  # at most half the queue
    interactive = [gate.try_admit() for _ in range(2)]
    assert all(slot is not None for slot in interactive)
    assert gate.try_admit() is None


def test_a_refused_interactive_caller_gets_the_next_free_slot_before_background_work() -> None:
    gate = AdmissionGate(1)
    batch = gate.try_admit(background=True)
    assert batch is not None
    assert gate.try_admit() is None  # refused: the caller will come back after Retry-After
    batch.release()
    assert gate.try_admit(background=True) is None  # kept for the caller coming back
    caller = gate.try_admit()
    assert caller is not None
    caller.release()
    assert gate.try_admit(background=True) is not None  # served: background work resumes


def test_the_hold_outlasts_the_retry_after_a_refusal_carries() -> None:
    assert FOREGROUND_HOLD_S > CAPACITY_RETRY_AFTER_S


def test_background_items_wait_behind_interactive_ones_at_the_scheduler() -> None:
    scheduler = FairScheduler(1)
    order: list[str] = []
    with scheduler.turn() as granted:  # the engine is busy
        assert granted
        waiters = [
            threading.Thread(target=_take, args=(scheduler, order, "batch", True)),
            threading.Thread(target=_take, args=(scheduler, order, "rest", False)),
        ]
        waiters[0].start()
        while scheduler.waiting < 1:
            time.sleep(0.001)
        waiters[1].start()
        while scheduler.waiting < 2:
            time.sleep(0.001)
    for waiter in waiters:
        waiter.join()
    assert order == ["rest", "batch"]


def _take(scheduler: FairScheduler, order: list[str], name: str, background: bool) -> None:
    with scheduler.turn(background=background) as granted:
        assert granted
        order.append(name)
