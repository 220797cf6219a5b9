"""Every engine call has a deadline, checked before each decoder step (issue 18)."""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt
import pytest

from cfasr_emulator.engine import WEATHER, InferenceTimeout, SpeechEngine, decode_audio
from cfasr_emulator.engine.deadline import Deadline, DeadlineModel
from tests.cfasr_emulator.engine.decoding import decoding

Floats = npt.NDArray[np.float32]


@pytest.fixture(scope="module")
def weather() -> Floats:
    return decode_audio(WEATHER.path.read_bytes())


class _Steps:
    """A stand-in for CTranslate2's model: counts the steps that ran."""

    def __init__(self) -> None:
        self.ran: list[str] = []
        self.is_multilingual = False

    def encode(self, features: object) -> str:
        self.ran.append("encode")
        return "encoded"

    def generate(self, *args: object) -> str:
        self.ran.append("generate")
        return "tokens"


def test_a_step_after_the_deadline_does_not_run() -> None:
    steps = _Steps()
    model = DeadlineModel(steps)
    expired = Deadline(1.0)
    expired.at -= 2.0  # a deadline one second in the past, without waiting for it
    assert model.encode("features") == "encoded"  # no deadline on this thread: runs
    with model.deadline(expired), pytest.raises(InferenceTimeout, match="1 s"):
        model.generate("prompt")
    assert steps.ran == ["encode"]
    assert model.is_multilingual is False  # attributes pass through unchecked


def test_deadlines_belong_to_their_thread() -> None:
    steps = _Steps()
    model = DeadlineModel(steps)
    expired = Deadline(1.0)
    expired.at -= 2.0
    other: list[str] = []
    with model.deadline(expired):
        worker = threading.Thread(target=lambda: other.append(model.encode("x")))
        worker.start()
        worker.join()
    assert other == ["encoded"]


def test_an_expired_call_ends_with_inference_timeout_and_frees_its_slot(
    weather: Floats,
) -> None:
    engine = SpeechEngine(max_queue=1, deadline_s=1e-6)
    for _ in range(2):  # the second call finds the slot and the CPU turn free again
        with pytest.raises(InferenceTimeout) as caught:
            engine.transcribe(weather, model="tiny.en", options=decoding())
        assert caught.value.limit_s == 1e-6
        assert engine.in_flight == 0
    engine.deadline_s = None
    assert engine.transcribe(weather, model="tiny.en", options=decoding()).text == WEATHER.text


def test_the_deadline_must_be_positive() -> None:
    with pytest.raises(ValueError, match="deadline_s"):
        SpeechEngine(deadline_s=0)
