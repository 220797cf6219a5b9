"""Issue 29 item 15: key terms and prefixes cannot make a decode run away.

A 20,000-character turbo ``prefix`` took 32 s for the 2 s weather clip here: seven decoder
runs (faster-whisper keeps 223 tokens of prefix on top of the prompt, and the forced text
failed Whisper's thresholds at every temperature). A flux final with 200 key terms took seven
too, and wrote "Brand10" into the transcript six times. The tests count the engine's decoder
runs (``EngineResult.decodes``) and the words it returns, never time.
"""

from __future__ import annotations

import re

import attrs
import numpy as np
import numpy.typing as npt
import pytest
from tokenizers import Tokenizer

from cfasr_emulator.engine import (
    PROMPT_TOKEN_LIMIT,
    WEATHER,
    DecodeOptions,
    SpeechEngine,
    decode_audio,
    fit_prompt,
    model_dir,
)
from cfasr_emulator.engine.prompt_budget import PREFIX_TOKEN_LIMIT
from cfasr_emulator.engine.rejected_segments import rejected_dropped
from cfasr_emulator.engine.types import EngineSegment
from cfasr_emulator.ws.stream_transcriber import EngineTranscriber

Floats = npt.NDArray[np.float32]

LONG_PREFIX = " ".join(f"word{i}" for i in range(3000))[:20_000]
KEY_TERMS = tuple(term for i in range(100) for term in (f"term{i}", f"Brand{i}x"))
_KEY_TERM = re.compile(r"\b(term|brand)\d+", re.IGNORECASE)


@pytest.fixture(scope="module")
def engine() -> SpeechEngine:
    return SpeechEngine()


@pytest.fixture(scope="module")
def weather() -> Floats:
    return decode_audio(WEATHER.path.read_bytes())


def test_a_long_prefix_is_cut_to_whole_words_within_the_budget() -> None:
    tokenizer = Tokenizer.from_file(str(model_dir("tiny.en") / "tokenizer.json"))
    fitted = fit_prompt(
        tokenizer, hotwords=" ".join(KEY_TERMS), initial_prompt=LONG_PREFIX, prefix=LONG_PREFIX
    )
    assert fitted.prefix is not None
    assert 0 < fitted.prefix_tokens <= PREFIX_TOKEN_LIMIT
    assert LONG_PREFIX.startswith(fitted.prefix + " ")  # the first words, none cut in half
    assert fitted.tokens <= PROMPT_TOKEN_LIMIT


def test_a_long_prefix_costs_one_decode(engine: SpeechEngine, weather: Floats) -> None:
    options = attrs.evolve(DecodeOptions.from_spec(), prefix=LONG_PREFIX)
    result = engine.transcribe(weather, model="tiny.en", options=options)
    assert result.decodes == 1  # the clip is one window; no temperature fallback
    assert result.prompt_tokens <= PROMPT_TOKEN_LIMIT
    words = result.text.split()
    assert words  # the forced start is kept, not judged as a failed decode
    assert len(words) <= PREFIX_TOKEN_LIMIT + len(WEATHER.text.split())


def test_a_stream_final_with_200_key_terms_invents_none(
    engine: SpeechEngine, weather: Floats
) -> None:
    transcriber = EngineTranscriber(engine, model="tiny.en", language="en", keyterms=KEY_TERMS)
    result = transcriber(weather, interim=False)
    assert result is not None
    assert _KEY_TERM.search(result.text) is None, result.text
    assert all(segment.temperature == 0.0 for segment in result.segments)
    spoken = re.findall(r"[\w']+", WEATHER.text.lower())
    assert re.findall(r"[\w']+", result.text.lower()) == spoken
    # One decode per window, none repeated at a higher temperature: the 2 s clip is read
    # again only where the decoder's timestamps leave audio after its last segment.
    assert result.decodes <= 3


def _segment(text: str, *, ratio: float = 1.0, logprob: float = -0.3) -> EngineSegment:
    return EngineSegment(
        start=0.0,
        end=1.0,
        text=text,
        avg_logprob=logprob,
        compression_ratio=ratio,
        no_speech_prob=0.0,
        temperature=0.0,
    )


def test_without_fallback_whisper_rejected_and_looping_segments_are_dropped() -> None:
    options = DecodeOptions.for_local_models()
    kept = _segment(" No, no, no, we meet in the park.")
    segments = (
        kept,
        _segment(" Brand10 Brand10 Brand10 Brand10"),
        _segment(" the the the the the", ratio=3.0),
        _segment(" mumble", logprob=-2.0),
    )
    assert rejected_dropped(segments, options) == (kept,)
