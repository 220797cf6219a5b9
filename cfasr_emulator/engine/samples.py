"""Bundled speech samples, so tests, demos and benchmarks need no network or microphone."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import attrs


@attrs.frozen
class Sample:
    """A bundled WAV and what it says, for assertions that do not hard-code file names."""

    path: Path
    text: str
    duration: float


_DATA = Path(str(files("cfasr_emulator").joinpath("data")))

WEATHER = Sample(
    path=_DATA / "weather_park.wav",
    text="The weather is nice today, so we will meet in the park.",
    duration=3.90075,
)
"""One sentence (3.9 s); both tiny.en and base transcribe it exactly."""

TWO_SENTENCES = Sample(
    path=_DATA / "two_sentences_pause.wav",
    text=(
        "Please send the weekly report to the finance team. "
        "The weather is nice today, so we will meet in the park."
    ),
    duration=8.301375,
)
"""Two sentences around a 1.5 s silence (8.3 s), for endpointing and end-of-turn tests."""

SAMPLES = (WEATHER, TWO_SENTENCES)
