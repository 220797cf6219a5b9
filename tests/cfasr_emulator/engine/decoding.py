"""Decoding options for the engine tests: what the emulator runs a whisper request with."""

from __future__ import annotations

from typing import Any

import attrs

from cfasr_emulator.engine import DecodeOptions


def decoding(**overrides: Any) -> DecodeOptions:
    """The spec's defaults with the voice-activity filter on (the emulator's choice for
    whisper, whisper-tiny-en and nova-3), then ``overrides``."""
    return attrs.evolve(DecodeOptions.from_spec(), **{"vad_filter": True, **overrides})
