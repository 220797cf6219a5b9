"""Contract problems → the wording Cloudflare uses when it refuses an option.

The checks themselves come from ``cfasr_client.contract`` (generated from openapi.yaml), so
the emulator refuses exactly what the spec refuses; what stays here by hand is only how
Workers AI words a refusal (``Type mismatch of '/punctuate' ...``), which the spec cannot say.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from cfasr_client.contract import OPERATIONS, Operation, OptionProblem, Params

__all__ = ["RefusedOption", "cloudflare_words", "parse_params", "parse_query"]

P = TypeVar("P", bound=Params)


class RefusedOption(ValueError):
    """An option the emulator refuses; the message is already in Cloudflare's words."""


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def cloudflare_words(operation: Operation, problem: OptionProblem, pointer: str = "") -> str:
    """One refusal in Cloudflare's style, naming the parameter as a JSON pointer."""
    name = f"'{pointer}/{problem.param}'"
    param = operation.get(problem.param)
    value = _shown(problem.value)
    if param is not None and problem.reason == "refused" and param.service_answer:
        return param.service_answer  # the service's own words (Deepgram's, for keywords)
    if param is None or problem.reason in ("unknown", "refused"):
        return problem.message
    if problem.reason == "emulator_limit":
        return f"{name}: {problem.message}"
    kind = param.scalar_kind
    if problem.reason == "type":
        wanted = {"boolean": "true or false", "integer": "a whole number"}.get(kind, kind)
        return f"Type mismatch of {name}: use {wanted}, got {value}"
    if problem.reason == "required":
        if param.required:
            required = ",".join(p.name for p in operation.params if p.required)
            return f"required properties at '{pointer or '/'}' are '{required}'"
        return f"{name} is required here: {problem.message}"
    return f"{name} must be {param.allowed()}, got {value}"


def parse_query(operation_id: str, items: Iterable[tuple[str, str]]) -> dict[str, object]:
    """Every query option the operation's spec lists, checked (unknown names are ignored, as
    Workers AI ignores them); a refusal is a :class:`RefusedOption` in Cloudflare's words.
    REST answers it with 400/5006, the WebSocket handshake likewise."""
    operation = OPERATIONS[operation_id]
    try:
        checked = operation.parse(items)
        operation.check_emulator_limits(checked)
    except OptionProblem as problem:
        raise RefusedOption(cloudflare_words(operation, problem)) from None
    return checked


def parse_params(params: type[P], items: Iterable[tuple[str, str]]) -> P:
    """:func:`parse_query`, typed: the operation's generated parameter class, checked."""
    operation = params.OPERATION
    try:
        parsed = params.from_query(items)
        operation.check_emulator_limits(parsed.given())
    except OptionProblem as problem:
        raise RefusedOption(cloudflare_words(operation, problem)) from None
    return parsed
