"""The decoding options of one recognition, as whisper-large-v3-turbo's API names them.

They have no defaults of their own: every caller either starts from the spec's defaults
(:meth:`DecodeOptions.from_spec`, read from the generated contract) and overrides what it
deliberately chooses, or states every option. So an option a request omits can never fall back
to an engine default that disagrees with openapi.yaml (issue 24).
"""

from __future__ import annotations

import attrs
from cfasr_client.contract.params import (
    RunWhisperLargeV3TurboEffective,
    RunWhisperLargeV3TurboParams,
)

from .types import Task


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
    def of(cls, turbo: RunWhisperLargeV3TurboEffective) -> DecodeOptions:
        """A turbo request's options, each as given or else the spec's default."""
        return cls(
            task=turbo.task,
            language=turbo.language,
            beam_size=turbo.beam_size,
            initial_prompt=turbo.initial_prompt,
            prefix=turbo.prefix,
            vad_filter=turbo.vad_filter,
            condition_on_previous_text=turbo.condition_on_previous_text,
            no_speech_threshold=turbo.no_speech_threshold,
            compression_ratio_threshold=turbo.compression_ratio_threshold,
            log_prob_threshold=turbo.log_prob_threshold,
            hallucination_silence_threshold=turbo.hallucination_silence_threshold,
        )

    @classmethod
    def from_spec(cls) -> DecodeOptions:
        """The spec's defaults for turbo: what Workers AI runs when a request omits them."""
        return cls.of(RunWhisperLargeV3TurboParams().effective())

    @classmethod
    def for_local_models(cls) -> DecodeOptions:
        """whisper, whisper-tiny-en, nova-3 and the streams, whose APIs have no decoding
        options: the spec's turbo defaults with the voice-activity filter on, the emulator's
        choice (on real speech it stopped Whisper dropping words around pauses)."""
        return attrs.evolve(cls.from_spec(), vad_filter=True)
