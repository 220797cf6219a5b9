"""The eight speech-recognition operations and the models the command line can run.

The table comes from the contract generated out of openapi.yaml, so `cfasr models` works from
an installed wheel (which ships no spec file) and follows the spec after `make regen`.
"""

from __future__ import annotations

import attrs
from cfasr_client.contract import MODELS, Param
from cfasr_client.contract import OPERATIONS as CONTRACT

from cfasr_ext.internal import MODEL_ALIASES, TRANSCRIBE_MODELS, short_name

__all__ = [
    "OPERATIONS",
    "REST_MODELS",
    "STREAM_MODELS",
    "CliError",
    "Operation",
    "resolve_model",
    "short_name",
]


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status `exit_code`."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@attrs.frozen
class Operation:
    """One operation of the contract, as `cfasr models` shows it."""

    operation_id: str
    model: str
    method: str
    transport: str
    inputs: str
    options: tuple[str, ...]
    note: str = ""


def _option_label(param: Param) -> str:
    marks = [m for m, on in (("repeatable", param.repeatable), ("required", param.required)) if on]
    if param.enum and len(param.enum) <= 3:
        marks.insert(0, "|".join(param.enum))
    return f"{param.name} ({', '.join(marks)})" if marks else param.name


OPERATIONS: tuple[Operation, ...] = tuple(
    Operation(
        op.operation_id,
        op.model,
        op.method.upper(),
        "WebSocket" if op.transport == "websocket" else "REST",
        op.summary,
        tuple(_option_label(p) for p in op.params if not p.internal and not p.refused),
    )
    for op in CONTRACT.values()
)
"""Every operation of openapi.yaml, from the generated contract (the wheel ships no spec)."""

REST_MODELS: tuple[str, ...] = tuple(m for m in MODELS if m in TRANSCRIBE_MODELS)
"""Models `cfasr transcribe` can run (flux over REST carries no audio)."""

_NOT_STREAMED = frozenset({"streamNova3Internal"})
"""WebSocket operations `cfasr stream` leaves to the SDK: nova-3-internal is undocumented and
experimental (openapi.yaml), so the command line does not offer it."""

STREAM_MODELS: tuple[str, ...] = tuple(
    op.model
    for op in CONTRACT.values()
    if op.transport == "websocket" and op.operation_id not in _NOT_STREAMED
)
"""Models `cfasr stream` can run: every WebSocket operation of the contract but those above."""


def resolve_model(name: str, allowed: tuple[str, ...], command: str) -> str:
    """A short name, alias or full id → the full model id; `CliError` names the choices."""
    wanted = name.strip()
    full = MODEL_ALIASES.get(wanted, wanted)
    for model in allowed:
        if full in (model, short_name(model)):
            return model
    choices = ", ".join(short_name(m) for m in allowed)
    known = {m for op in OPERATIONS for m in (op.model, short_name(op.model))}
    why = f"{command} cannot use it" if full in known else "unknown model"
    raise CliError(
        f"model {name!r}: {why}; choose one of {choices} (`cfasr models` lists them all)."
    )
