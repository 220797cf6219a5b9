"""@cf/openai/whisper-large-v3-turbo: base64 audio inside a JSON body, built as a stream.

Its faces are generated from openapi.yaml (`_generated.py`, body kind `base64-json`, built
by `_kinds.base64_json`); this module keeps the names they had when written by hand.
"""

from __future__ import annotations

from typing import Any, Unpack

from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.options import RunWhisperLargeV3TurboOptions

from cfasr_ext.models._generated import (
    AsyncWhisperLargeV3Turbo,
    WhisperLargeV3Turbo,
    build_run_whisper_large_v3_turbo,
)
from cfasr_ext.models._kinds import base64_json_fields

__all__ = ["AsyncTurbo", "Turbo", "build_turbo_transcribe", "turbo_input_fields"]

Turbo = WhisperLargeV3Turbo
AsyncTurbo = AsyncWhisperLargeV3Turbo
build_turbo_transcribe = build_run_whisper_large_v3_turbo


def turbo_input_fields(**options: Unpack[RunWhisperLargeV3TurboOptions]) -> dict[str, Any]:
    """The checked options as the JSON fields of `TurboInput` (without `audio`), every
    option the spec gives a default stated explicitly."""
    return base64_json_fields(OPERATIONS["runWhisperLargeV3Turbo"], options)
