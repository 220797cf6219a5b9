"""The decoding options of one recognition, as whisper-large-v3-turbo's API names them.

They have no defaults of their own: every caller either starts from the spec's defaults
(:meth:`DecodeOptions.from_spec`, read from the generated contract) and overrides what it
deliberately chooses, or states every option. So an option a request omits can never fall back
to an engine default that disagrees with openapi.yaml (issue 24).
"""

from __future__ import annotations

from typing import Any

import attrs
from cfasr_client.contract import OPERATIONS

from .types import Task

_TURBO = OPERATIONS["runWhisperLargeV3Turbo"]


@attrs.frozen(kw_only=True)
class DecodeOptions:
    """Turbo's body options that steer the decoder; None where the spec has no default."""

    task: Task
    language: str | None
    beam_size: int
    initial_prompt: str | None
    prefix: str | None
    vad_filter: bool
    condition_on_previous_text: bool
    no_speech_threshold: float | None
    compression_ratio_threshold: float | None
    log_prob_threshold: float | None
    hallucination_silence_threshold: float | None

    @classmethod
    def from_spec(cls) -> DecodeOptions:
        """The spec's defaults for turbo: what Workers AI runs when a request omits them."""
        return cls(**spec_defaults())

    @classmethod
    def for_local_models(cls) -> DecodeOptions:
        """whisper, whisper-tiny-en, nova-3 and the streams, whose APIs have no decoding
        options: the spec's turbo defaults with the voice-activity filter on, the emulator's
        choice (on real speech it stopped Whisper dropping words around pauses)."""
        return attrs.evolve(cls.from_spec(), vad_filter=True)


def spec_defaults() -> dict[str, Any]:
    """Every option's default from the contract, None where the spec gives none."""
    defaults = {
        p.name: p.default
        for p in _TURBO.params
        if p.location == "body" and p.has_default and not p.client_default
    }
    return {field.name: defaults.get(field.name) for field in attrs.fields(DecodeOptions)}
