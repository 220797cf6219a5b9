"""Each operation's body kind and result (``x-cfasr-body-kind``, ``x-cfasr-result``), read from
openapi.yaml and checked, for the catalog's ``Operation.body_kind`` and ``Operation.result``.

Its own module because the SDK's operation layer (``generate_operations``) and the emulator
choose their builders and handlers by these two facts, so a wrong one must fail generation
here, with its provenance checked like every other fact (``spec_provenance``).
"""

from __future__ import annotations

from typing import Any

from contract_runtime import body_kinds
from spec_provenance import ProvenanceError, valid_source

__all__ = ["AUDIO_KINDS", "STREAM_KINDS", "operation_facts"]

STREAM_KINDS = ("listen-v1", "listen-v2")
"""The kinds of a WebSocket operation."""
AUDIO_KINDS = ("raw-audio", "byte-array-json", "base64-json")
"""The kinds whose request carries a recording."""


def operation_facts(
    spec: dict[str, Any], operation: dict[str, Any], transport: str, *, strict: bool = True
) -> dict[str, Any]:
    """``body_kind`` and ``result`` of one operation, checked: a known kind that suits the
    transport, a result model that ``components/schemas`` defines, each with its source."""
    known = body_kinds()
    where = operation.get("operationId", "?")
    kind = operation.get("x-cfasr-body-kind")
    result = operation.get("x-cfasr-result")
    sources = operation.get("x-cfasr-source", {})
    sources = sources if isinstance(sources, dict) else {"body-kind": sources, "result": sources}
    problems: list[str] = []
    if kind not in known:
        problems.append(f"x-cfasr-body-kind {kind!r} is not one of {', '.join(known)}")
    elif (kind in STREAM_KINDS) != (transport == "websocket"):
        problems.append(f"x-cfasr-body-kind {kind!r} does not suit a {transport} operation")
    if transport == "rest" and result is None:
        problems.append("a REST operation needs x-cfasr-result (its result model)")
    if result is not None and result not in spec.get("components", {}).get("schemas", {}):
        problems.append(f"x-cfasr-result {result!r} is not in components/schemas")
    for fact, value in (("body-kind", kind), ("result", result)):
        if value is not None and not valid_source(sources.get(fact)):
            problems.append(f"its {fact} has no valid x-cfasr-source")
    if problems and strict:
        raise ProvenanceError(f"{where}: " + "; ".join(problems))
    return {"body_kind": kind, "result": result}
