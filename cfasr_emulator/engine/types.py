"""Plain result records, kept free of faster-whisper types so the HTTP layer never imports it."""

from __future__ import annotations

from typing import Literal

import attrs

ModelName = Literal["tiny.en", "base"]
"""Local models the emulator can run; Cloudflare model ids are mapped onto these."""

Task = Literal["transcribe", "translate"]

SKIP_MODEL_NAME = "skip-recognition"
"""``model_name`` of transport-benchmark results, so they are never mistaken for recognition."""


@attrs.frozen
class EngineWord:
    """One recognised word; times are seconds from the start of the submitted audio."""

    word: str
    start: float
    end: float
    probability: float


@attrs.frozen
class EngineSegment:
    """One decoder window's output, with the quality figures Whisper-style APIs expose."""

    start: float
    end: float
    text: str
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float
    temperature: float
    words: tuple[EngineWord, ...] = ()


@attrs.frozen
class Diarization:
    """Who spoke each word (nova-3 ``diarize=true``), in the order the words were given."""

    speakers: tuple[int, ...]
    """0-based, numbered in order of first appearance, as Deepgram does."""
    confidences: tuple[float, ...]
    """In [0, 1]: how sure the attribution is (see :mod:`.diarization`)."""
    speaker_count: int


@attrs.frozen
class EngineResult:
    """Everything the API layers need to build any of the Cloudflare response shapes."""

    text: str
    segments: tuple[EngineSegment, ...]
    language: str
    language_probability: float
    duration: float
    duration_after_vad: float
    model_name: str
    recognition_skipped: bool = False
    prompt_tokens: int = 0
    """Tokens of key terms and prompt the decoder was given (capped: :mod:`.prompt_budget`)."""
    diarization: Diarization | None = None
    """One speaker per word of :attr:`words`, when the call asked for ``diarize``."""
    decodes: int = 0
    """Decoder runs (CTranslate2 ``generate`` calls) the recognition took: one per window,
    more with temperature fallback. The engine's own measure of its work, for tests."""

    @property
    def words(self) -> tuple[EngineWord, ...]:
        """All words in order, because most response formats want a flat list."""
        return tuple(w for s in self.segments for w in s.words)


@attrs.frozen
class LanguageDetection:
    """Outcome of language identification; ``candidates`` is sorted, most likely first."""

    language: str
    probability: float
    candidates: tuple[tuple[str, float], ...]
    model_name: str
