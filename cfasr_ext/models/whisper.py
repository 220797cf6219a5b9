"""@cf/openai/whisper and @cf/openai/whisper-tiny-en: the audio file as the raw body.

Their faces are generated from openapi.yaml (`_generated.py`, body kind `byte-array-json`:
raw binary by default, `{"audio": [byte values]}` with `body_format="json"`); this module
keeps the names they had when they were written by hand.
"""

from __future__ import annotations

from cfasr_ext.models._generated import (
    AsyncWhisper,
    AsyncWhisperTinyEn,
    Whisper,
    WhisperTinyEn,
    build_run_whisper,
)

__all__ = [
    "AsyncWhisper",
    "AsyncWhisperTinyEn",
    "Whisper",
    "WhisperTinyEn",
    "build_whisper_transcribe",
]

build_whisper_transcribe = build_run_whisper
