"""The models the emulator serves, their operations and how their ids are recognised."""

from __future__ import annotations

import re

WHISPER = "@cf/openai/whisper"
WHISPER_TINY_EN = "@cf/openai/whisper-tiny-en"
WHISPER_TURBO = "@cf/openai/whisper-large-v3-turbo"
NOVA_3 = "@cf/deepgram/nova-3"
NOVA_3_INTERNAL = "@cf/deepgram/nova-3-internal"
FLUX = "@cf/deepgram/flux"

REST_OPERATIONS: dict[str, str] = {
    WHISPER: "runWhisper",
    WHISPER_TINY_EN: "runWhisperTinyEn",
    WHISPER_TURBO: "runWhisperLargeV3Turbo",
    NOVA_3: "runNova3",
    FLUX: "runFlux",
}
"""POST operations by model id (operationIds of openapi.yaml)."""

WEBSOCKET_OPERATIONS: dict[str, str] = {
    NOVA_3: "streamNova3",
    NOVA_3_INTERNAL: "streamNova3Internal",
    FLUX: "streamFlux",
}
"""WebSocket (GET upgrade) operations by model id."""

RUN_PREFIX = "/client/v4/accounts/{account_id}/ai/run/"
"""Every operation lives under this path; the model id follows it literally."""

_MODEL_ID = re.compile(r"^@(cf|hf)/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+$")


def is_well_formed_model_id(model: str) -> bool:
    """``@cf/<author>/<name>``-shaped ids; anything else is 3042 "Invalid model ID"."""
    return _MODEL_ID.match(model) is not None


def run_path(account_id: str, model: str) -> str:
    return RUN_PREFIX.format(account_id=account_id) + model
