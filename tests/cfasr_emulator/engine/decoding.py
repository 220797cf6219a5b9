"""Decoding options for the engine tests: what the emulator runs a whisper request with."""

from __future__ import annotations

from typing import Any

import attrs

from cfasr_emulator.engine import DecodeOptions


def decoding(**overrides: Any) -> DecodeOptions:
    """What the emulator decodes whisper, whisper-tiny-en and nova-3 with, then ``overrides``."""
    return attrs.evolve(DecodeOptions.for_local_models(), **overrides)
