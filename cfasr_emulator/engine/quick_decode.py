"""A cheap, approximate decode for interim results: one short window, greedy, no timestamps.

faster-whisper pads every clip to Whisper's 30 s window, and the encoder's cost is that of
the window, not of the speech: on 2 cores a 2 s interim cost about as much as a 30 s final
(~0.5 s with tiny.en). CTranslate2's encoder also accepts a shorter window, which costs in
proportion to its length (2 s of speech + padding: ~0.03-0.06 s, 10x less). Whisper is less
sure of itself on short windows ("nice today" may come out "high today"), which is fine for
an interim that its final replaces a second later, and wrong for a final: finals keep the
full path. Word times are not aligned either (that would be a second pass); the caller
spreads the words over the clip.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from .decode import SAMPLE_RATE
from .types import EngineResult, EngineSegment

PAD_S = 2.0
"""Silence appended to the clip: with less, Whisper tends to loop on the last phrase."""
MAX_FRAMES = 3000
"""Whisper's full window (30 s of 10 ms mel frames); longer clips keep their last 30 s."""
TOKENS_PER_S = 6.0
"""Upper bound on tokens per second of speech, so a looping decode stops early."""
NO_SPEECH_THRESHOLD = 0.6
LOG_PROB_THRESHOLD = -1.0
"""Whisper's own rule for a silent window: likely no speech and an unsure decode."""


def quick_transcribe(
    whisper: Any, samples: npt.NDArray[np.float32], *, model_name: str, language: str
) -> EngineResult:
    """Greedy text of ``samples`` through a faster-whisper ``WhisperModel``'s parts."""
    from faster_whisper.tokenizer import Tokenizer

    duration = samples.size / SAMPLE_RATE
    keep = samples[-int((30.0 - PAD_S) * SAMPLE_RATE) :]
    padded = np.concatenate([keep, np.zeros(int(PAD_S * SAMPLE_RATE), np.float32)])
    features = whisper.feature_extractor(padded)
    frames = min(MAX_FRAMES, features.shape[-1] - features.shape[-1] % 2)
    window = np.ascontiguousarray(features[None, :, :frames], dtype=np.float32)
    tokenizer = Tokenizer(
        whisper.hf_tokenizer, whisper.model.is_multilingual, task="transcribe", language=language
    )
    prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
    import ctranslate2

    encoded = whisper.model.encode(ctranslate2.StorageView.from_array(window), to_cpu=False)
    (result,) = whisper.model.generate(
        encoded,
        [prompt],
        beam_size=1,
        max_length=len(prompt) + 4 + math.ceil(TOKENS_PER_S * min(duration, 30.0)),
        return_scores=True,
        return_no_speech_prob=True,
    )
    tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
    score = float(result.scores[0]) if result.scores else 0.0
    no_speech = float(getattr(result, "no_speech_prob", 0.0))
    text = tokenizer.decode(tokens)
    if no_speech > NO_SPEECH_THRESHOLD and score < LOG_PROB_THRESHOLD:
        text = ""
    segments = (
        (
            EngineSegment(
                start=0.0,
                end=duration,
                text=text,
                avg_logprob=score,
                compression_ratio=0.0,
                no_speech_prob=no_speech,
                temperature=0.0,
            ),
        )
        if text.strip()
        else ()
    )
    return EngineResult(
        text=text.strip(),
        segments=segments,
        language=language,
        language_probability=1.0,
        duration=duration,
        duration_after_vad=duration,
        model_name=model_name,
    )
