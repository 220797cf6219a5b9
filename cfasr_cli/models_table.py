"""`cfasr models`: the operations table, as a rich table or as JSON for scripts."""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from cfasr_cli.catalog import OPERATIONS, REST_MODELS, STREAM_MODELS

__all__ = ["models_json", "print_models"]


def models_json() -> str:
    """The table as a JSON array, one object per operation."""
    rows = [
        {
            "operation_id": op.operation_id,
            "model": op.model,
            "method": op.method,
            "transport": op.transport,
            "inputs": op.inputs,
            "options": list(op.options),
            "note": op.note,
            "cli": _cli_use(op.model, op.transport),
        }
        for op in OPERATIONS
    ]
    return json.dumps(rows, indent=2)


def _cli_use(model: str, transport: str) -> str:
    if transport == "REST" and model in REST_MODELS:
        return "cfasr transcribe"
    if transport == "WebSocket" and model in STREAM_MODELS:
        return "cfasr stream"
    return ""


def print_models(console: Console) -> None:
    """One block per operation (a wide table would fold model names on narrow terminals)."""
    console.print(Text("Workers AI speech recognition: the eight operations", style="bold"))
    for op in OPERATIONS:
        heading = Text.assemble(
            "\n", (op.model, "bold"), f"  {op.transport}  {op.method} {op.operation_id}"
        )
        note = ", ".join(x for x in (_cli_use(op.model, op.transport), op.note) if x)
        if note:
            heading.append(f"  ({note})", style="dim")
        console.print(heading)
        console.print(Text(f"  inputs:  {op.inputs}"))
        console.print(Text(f"  options: {', '.join(op.options)}"))
