"""Planning from an energy envelope: the envelope can be built from audio fed in pieces of
any size, and planning from it is exactly `plan_chunks` on the whole audio."""

from __future__ import annotations

import numpy as np
import pytest

from cfasr_ext._errors import AudioInputError, OptionError
from cfasr_ext.chunking import EnergyEnvelope, energy_hop, plan_chunks, plan_chunks_from_energy
from tests.cfasr_ext.transcript.test_chunking import RATE, burst_recording


@pytest.mark.parametrize("piece", [1, 777, RATE, 10 * RATE])
def test_an_envelope_fed_in_pieces_plans_the_same_cuts_as_the_whole_audio(piece: int) -> None:
    pcm, _ = burst_recording(95.0, seed=5)
    envelope = EnergyEnvelope(RATE)
    for start in range(0, len(pcm), piece):
        envelope.add(pcm[start : start + piece])
    assert envelope.samples == len(pcm)
    planned = plan_chunks_from_energy(envelope.energy(), envelope.samples, RATE, max_seconds=20.0)
    assert planned == plan_chunks(pcm, RATE, max_seconds=20.0)
    assert len(planned) >= 5


def test_the_envelope_of_16_bit_pcm_matches_its_float_samples() -> None:
    pcm, _ = burst_recording(3.005, seed=2)
    ints = np.round(np.clip(pcm, -1, 1) * 32767).astype("<i2")
    from_bytes, from_floats = EnergyEnvelope(RATE), EnergyEnvelope(RATE)
    from_bytes.add_pcm16(ints.tobytes())
    from_floats.add(ints / 32768.0)
    assert from_bytes.energy().size == 301  # 300 steps of 10 ms and the last 5 ms
    assert np.allclose(from_bytes.energy(), from_floats.energy())


def test_the_envelope_is_the_mean_square_of_each_10_ms() -> None:
    envelope = EnergyEnvelope(RATE)
    envelope.add(np.concatenate([np.full(160, 0.5), np.zeros(160), np.full(80, -1.0)]))
    assert energy_hop(RATE) == 160
    assert envelope.energy().tolist() == [0.25, 0.0, 1.0]


def test_cuts_fall_on_envelope_steps() -> None:
    pcm, _ = burst_recording(120.0, seed=9)
    for chunk in plan_chunks(pcm, RATE, max_seconds=15.0)[1:]:
        assert chunk.start_sample % energy_hop(RATE) == 0


def test_an_envelope_that_does_not_match_the_length_is_refused() -> None:
    with pytest.raises(OptionError, match="one value per 160 samples"):
        plan_chunks_from_energy(np.zeros(100), 40 * RATE, RATE, max_seconds=20.0)
    with pytest.raises(AudioInputError):
        plan_chunks_from_energy(np.zeros(0), 0, RATE)
