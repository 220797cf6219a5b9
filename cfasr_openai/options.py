"""OpenAI's form fields → the Workers AI model's own options, from the contract.

A field is sent only when the model's operation has the option it maps to (looked up in
`cfasr_client.contract`, never assumed); the rest are accepted, as OpenAI accepts them, and
named in the `cfasr-not-applied` response header so a caller can see they had no effect.
"""

from __future__ import annotations

from typing import Any

import attrs
from cfasr_client.contract import Operation
from cfasr_client.contract.params import RunWhisperLargeV3TurboParams

from .form import AudioForm

__all__ = ["LANGUAGE", "NOT_APPLIED_HEADER", "TRANSLATE", "options_for"]

NOT_APPLIED_HEADER = "cfasr-not-applied"

_TURBO = attrs.fields(RunWhisperLargeV3TurboParams)

TRANSLATE: dict[str, Any] = RunWhisperLargeV3TurboParams(task="translate").given()
"""Turbo's options for `/v1/audio/translations`: Whisper's translate-to-English task."""

LANGUAGE = _TURBO.language.name
"""The option that carries OpenAI's `language` (translations drop it: their output is English)."""

_FIELD_TO_OPTION = {"language": LANGUAGE, "prompt": _TURBO.initial_prompt.name, "temperature": ""}
"""OpenAI field → the Workers AI option carrying it ("" where no model has one)."""


def options_for(operation: Operation, form: AudioForm) -> tuple[dict[str, Any], list[str]]:
    """The options to send for `form`, and the OpenAI fields that were not applied."""
    options: dict[str, Any] = {}
    not_applied: list[str] = []
    for field, option in _FIELD_TO_OPTION.items():
        value = getattr(form, field)
        if value is None:
            continue
        if option and operation.get(option) is not None:
            options[option] = value
        else:
            not_applied.append(field)
    return options, not_applied
