"""`client.flux.stream()` needs no option: flux audio defaults to linear16 at 16 kHz, and the
docstring says so instead of calling `sample_rate` required."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import cfasr_ext
from cfasr_ext.models.flux import AsyncFlux, Flux

pytest.importorskip("cfasr_emulator.ws")
from cfasr_emulator.testing import EmulatorHandle, run_emulator

SAMPLE = Path(__file__).resolve().parents[3] / "cfasr_emulator/data/weather_park.wav"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as handle:
        yield handle


def test_a_flux_stream_without_options_takes_16_khz_linear16(emulator: EmulatorHandle) -> None:
    with cfasr_ext.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        with client.flux.stream() as stream:
            seconds = stream.send_file(SAMPLE)  # refused unless the session is 16-bit PCM
        events = list(stream)
    assert seconds > 0
    assert any(isinstance(event, cfasr_ext.EndOfTurn) for event in events)


def test_the_flux_stream_docstrings_give_the_sample_rate_default() -> None:
    doc = Flux.stream.__doc__ or ""
    assert "(required)" not in doc
    (line,) = [x for x in doc.splitlines() if x.strip().startswith("sample_rate:")]
    assert line.endswith("Default 16000.")
    assert "Flux.stream" in (AsyncFlux.stream.__doc__ or "")  # the async one points there
