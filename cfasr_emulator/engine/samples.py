"""Bundled speech samples, so tests, demos and benchmarks need no network or microphone."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import attrs


@attrs.frozen
class SpeakerTurn:
    """One speaker's turn in a bundled sample: ground truth for diarization tests."""

    speaker: int
    start: float
    end: float


@attrs.frozen
class Sample:
    """A bundled WAV and what it says, for assertions that do not hard-code file names."""

    path: Path
    text: str
    duration: float
    turns: tuple[SpeakerTurn, ...] = ()
    """Who speaks when, for samples with more than one voice (empty: one voice throughout)."""


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
"""The one-voice samples that both models transcribe exactly."""

TWO_SPEAKERS = Sample(
    path=_DATA / "two_speakers.wav",
    text=(
        "Good morning. Did you get the weekly report from the finance team? "
        "Yes, I read it last night. The numbers look better than last month. "
        "That is great news. Can we meet in the park after lunch to talk about it? "
        "Sure, the weather is nice today. I will bring the coffee. "
        "Thank you. See you at one o'clock."
    ),
    duration=22.611625,
    turns=(
        SpeakerTurn(speaker=0, start=4800 / 16000, end=67412 / 16000),
        SpeakerTurn(speaker=1, start=75412 / 16000, end=151388 / 16000),
        SpeakerTurn(speaker=0, start=159388 / 16000, end=235629 / 16000),
        SpeakerTurn(speaker=1, start=243629 / 16000, end=312769 / 16000),
        SpeakerTurn(speaker=0, start=320769 / 16000, end=356986 / 16000),
    ),
)
"""Two different voices taking five turns (22.6 s), 0.5 s apart, with pauses as long inside
two of the turns: for diarization. Exact turn boundaries (in samples) and the recipe are in
``data/SOURCE.md``. Not in :data:`SAMPLES`: the models get "finance team" wrong."""
