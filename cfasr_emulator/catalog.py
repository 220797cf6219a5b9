"""The models the emulator serves and their operations (from the contract generated out of
openapi.yaml), and how their ids are recognised."""

from __future__ import annotations

import re

from cfasr_client.contract import OPERATIONS

REST_OPERATIONS: dict[str, str] = {
    op.model: op.operation_id for op in OPERATIONS.values() if op.transport == "rest"
}
"""POST operations by model id (operationIds of openapi.yaml, from the generated contract)."""

WEBSOCKET_OPERATIONS: dict[str, str] = {
    op.model: op.operation_id for op in OPERATIONS.values() if op.transport == "websocket"
}
"""WebSocket (GET upgrade) operations by model id."""

API_PREFIX = "/client/v4"
"""Where the emulator mounts the API, as Cloudflare's base URL does."""
RUN_PREFIX = API_PREFIX + OPERATIONS["runWhisper"].path.removesuffix(OPERATIONS["runWhisper"].model)
"""Every operation lives under this path; the model id follows it literally."""

_MODEL_ID = re.compile(r"^@(cf|hf)/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$")


def is_well_formed_model_id(model: str) -> bool:
    """``@cf/<author>/<name>``-shaped ids; anything else is 3042 "Invalid model ID"."""
    return _MODEL_ID.match(model) is not None


def run_path(account_id: str, model: str) -> str:
    return RUN_PREFIX.format(account_id=account_id) + model
