"""Key terms and prompts are cut to Whisper's context: their cost stays bounded (issue 18)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from tokenizers import Tokenizer

from cfasr_emulator.engine import (
    KEYTERM_TOKEN_LIMIT,
    PROMPT_TOKEN_LIMIT,
    WEATHER,
    SpeechEngine,
    decode_audio,
    fit_prompt,
    model_dir,
)
from tests.cfasr_emulator.engine.decoding import decoding

Floats = npt.NDArray[np.float32]

FIVE_TERMS = "Cloudflare Workers Deepgram Nova Kubernetes"
MANY_TERMS = " ".join(f"term{i} Brand{i}x" for i in range(200))
LONG_PROMPT = " ".join(f"Sentence {i} of the minutes of the meeting." for i in range(2000))


@pytest.fixture(scope="module")
def engine() -> SpeechEngine:
    return SpeechEngine()


@pytest.fixture(scope="module")
def weather() -> Floats:
    return decode_audio(WEATHER.path.read_bytes())


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer.from_file(str(model_dir("tiny.en") / "tokenizer.json"))


def _count(tokenizer: Tokenizer, text: str) -> int:
    return len(tokenizer.encode(" " + text, add_special_tokens=False).ids)


def test_a_few_key_terms_are_given_whole(tokenizer: Tokenizer) -> None:
    fitted = fit_prompt(tokenizer, hotwords=FIVE_TERMS, initial_prompt=None)
    assert fitted.hotwords == FIVE_TERMS
    assert fitted.tokens == fitted.keyterm_tokens == _count(tokenizer, FIVE_TERMS)


def test_many_key_terms_keep_whole_words_within_the_limit(tokenizer: Tokenizer) -> None:
    assert _count(tokenizer, MANY_TERMS) > 4 * KEYTERM_TOKEN_LIMIT
    fitted = fit_prompt(tokenizer, hotwords=MANY_TERMS, initial_prompt=None)
    assert fitted.hotwords is not None
    assert KEYTERM_TOKEN_LIMIT - 8 <= fitted.keyterm_tokens <= KEYTERM_TOKEN_LIMIT
    assert fitted.keyterm_tokens == _count(tokenizer, fitted.hotwords)
    assert MANY_TERMS.startswith(fitted.hotwords + " ")  # the first terms, none cut in half


def test_a_long_prompt_keeps_its_end(tokenizer: Tokenizer) -> None:
    fitted = fit_prompt(tokenizer, hotwords=None, initial_prompt=LONG_PROMPT)
    assert fitted.prompt_tokens == PROMPT_TOKEN_LIMIT
    assert fitted.initial_prompt is not None
    assert tokenizer.decode(fitted.initial_prompt).endswith(
        "Sentence 1999 of the minutes of the meeting."
    )


def test_key_terms_and_prompt_share_the_context(tokenizer: Tokenizer) -> None:
    fitted = fit_prompt(tokenizer, hotwords=MANY_TERMS, initial_prompt=LONG_PROMPT)
    assert fitted.tokens == PROMPT_TOKEN_LIMIT
    assert fitted.keyterm_tokens <= KEYTERM_TOKEN_LIMIT


@pytest.mark.parametrize(
    ("model", "prompt", "hotwords", "word_timestamps"),
    [
        ("tiny.en", None, MANY_TERMS, True),
        ("tiny.en", LONG_PROMPT, None, True),
        # base with both: the case that crashed it ("No position encodings ≥ 448"). Without
        # word times: aligning words after a full prompt costs base about 40 CPU seconds on
        # this 4 s clip (1.6 s without), and the prompt budget is what this test is about.
        ("base", LONG_PROMPT, MANY_TERMS, False),
    ],
)
def test_the_decoder_gets_at_most_whispers_prompt(
    engine: SpeechEngine,
    weather: Floats,
    model: str,
    prompt: str | None,
    hotwords: str | None,
    word_timestamps: bool,
) -> None:
    result = engine.transcribe(
        weather,
        model=model,  # type: ignore[arg-type]
        options=decoding(language="en", initial_prompt=prompt),
        hotwords=hotwords,
        word_timestamps=word_timestamps,
    )
    assert 0 < result.prompt_tokens <= PROMPT_TOKEN_LIMIT
    # Both at once filled faster-whisper's whole 448-token context: an empty transcript.
    assert "park" in result.text.lower(), result.text


def test_without_key_terms_or_prompt_the_decoder_gets_none(
    engine: SpeechEngine, weather: Floats
) -> None:
    result = engine.transcribe(weather, model="tiny.en", options=decoding())
    assert result.prompt_tokens == 0
    assert result.text == WEATHER.text
