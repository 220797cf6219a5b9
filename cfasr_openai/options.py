"""OpenAI's form fields → the Workers AI model's own options, from the contract.

A field is sent only when the model's operation has the option it maps to (looked up in
`cfasr_client.contract`, never assumed); the rest are accepted, as OpenAI accepts them, and
named in the `cfasr-not-applied` response header so a caller can see they had no effect.

Fields OpenAI's API does not define (`diarize=true`, `smart_format=true`) are nova-3's own
options when the request goes to nova-3 and its operation knows them: they are parsed from
text as a query string is (the contract's checks, so a bad value is OpenAI's 400). Any other
such field, or any of them on a Whisper model, is named in `cfasr-not-applied`.
"""

from __future__ import annotations

from typing import Any

import attrs
from cfasr_client.contract import Operation, OptionProblem
from cfasr_client.contract.params import (
    RunNova3Params,
    RunWhisperLargeV3TurboParams,
    StreamNova3Params,
)

from cfasr_ext.internal import NOVA_3

from .errors import OpenAIError
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

_GATEWAY_OWNED = frozenset(
    {
        attrs.fields(RunNova3Params).queueRequest.name,  # a batch job, not a transcription
        attrs.fields(StreamNova3Params).encoding.name,  # the gateway decodes to linear16
        attrs.fields(StreamNova3Params).sample_rate.name,  # ... at streaming.SAMPLE_RATE
    }
)
"""nova-3 options the gateway sets or cannot honour itself: a form field naming one is not
applied (the upload's own encoding is what the gateway decodes)."""


def options_for(operation: Operation, form: AudioForm) -> tuple[dict[str, Any], list[str]]:
    """The options to send for `form`, and the form fields that were not applied."""
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
    passed, skipped = _model_options(operation, form.extra)
    options.update(passed)
    not_applied.extend(name for name in skipped if name not in not_applied)
    return options, not_applied


def _model_options(
    operation: Operation, pairs: tuple[tuple[str, str], ...]
) -> tuple[dict[str, Any], list[str]]:
    """The extra fields nova-3's `operation` takes, parsed and checked, and the names of the
    rest (in the order sent, each once)."""
    takes = operation.model == NOVA_3
    known = [
        (name, text)
        for name, text in pairs
        if takes and name not in _GATEWAY_OWNED and operation.get(name) is not None
    ]
    skipped = list(dict.fromkeys(name for name, text in pairs if (name, text) not in known))
    try:
        return operation.parse(known), skipped
    except OptionProblem as problem:
        raise OpenAIError(
            400,
            f"Invalid value for `{problem.param}`: {problem.message}",
            param=problem.param,
            code="invalid_value",
        ) from None
