"""OpenAI's form fields → the Workers AI model's own options, from the contract.

A field is sent only when the model's operation has the option it maps to (looked up in
`cfasr_client.contract`, never assumed); the rest are accepted, as OpenAI accepts them, and
named in the `cfasr-not-applied` response header so a caller can see they had no effect.
"""

from __future__ import annotations

from typing import Any

from cfasr_client.contract import Operation

from .form import AudioForm

__all__ = ["NOT_APPLIED_HEADER", "TRANSLATE", "options_for"]

NOT_APPLIED_HEADER = "cfasr-not-applied"

TRANSLATE: dict[str, Any] = {"task": "translate"}
"""Turbo's options for `/v1/audio/translations`: Whisper's translate-to-English task."""

_FIELD_TO_OPTION = {"language": "language", "prompt": "initial_prompt", "temperature": ""}
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
