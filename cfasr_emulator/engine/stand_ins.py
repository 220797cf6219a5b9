"""Which local Whisper model stands in for each operation of openapi.yaml: one table, keyed
by operation id, with a default for operations it does not name.

The emulator runs two local models, tiny.en (fast, English only) and base (multilingual).
Which one answers for a Cloudflare model is the emulator's own choice, not a fact of the
service, so it lives here and not in the spec. An operation the table does not name (a
model just added to openapi.yaml) gets :data:`DEFAULT_STAND_IN`, so it is served at once.
"""

from __future__ import annotations

from typing import Literal

from cfasr_client.contract import OPERATIONS

from .types import ModelName

__all__ = ["DEFAULT_STAND_IN", "STAND_INS", "StandIn", "choose_model"]

StandIn = Literal["tiny.en", "base", "tiny.en unless multilingual"]
"""``tiny.en unless multilingual``: tiny.en, since it is fastest and most traffic is
English; base when a non-English language or language detection is asked for, because
tiny.en can neither understand nor identify other languages."""

STAND_INS: dict[str, StandIn] = {
    "runWhisperTinyEn": "tiny.en",  # English only, like the real one
    "runWhisper": "tiny.en unless multilingual",
    "runNova3": "tiny.en unless multilingual",
    "streamNova3": "tiny.en unless multilingual",
    "streamNova3Internal": "tiny.en unless multilingual",
    "runWhisperLargeV3Turbo": "base",  # the only multilingual model shipped
    "streamFlux": "tiny.en",  # Workers AI serves only the English Flux model
}
"""The stand-in of each operation, by operation id."""

DEFAULT_STAND_IN: StandIn = "tiny.en unless multilingual"


def _operations_of(cf_model: str) -> list[str]:
    """The operation ids of a model id (``@cf/openai/whisper``) or of its last part."""
    wanted = cf_model.strip().lower()
    return [
        op.operation_id
        for op in OPERATIONS.values()
        if wanted in (op.model.lower(), op.model.rsplit("/", 1)[-1].lower())
    ]


def choose_model(
    cf_model: str, *, language: str | None = None, detect_language: bool = False
) -> ModelName:
    """The local model that stands in for a Cloudflare model id (or its bare last part),
    from its operations' entry in :data:`STAND_INS`. Raises ``ValueError`` for a model the
    contract does not list."""
    operations = _operations_of(cf_model)
    if not operations:
        raise ValueError(f"no local model stands in for {cf_model!r}")
    stand_in = next((STAND_INS[op] for op in operations if op in STAND_INS), DEFAULT_STAND_IN)
    if stand_in != "tiny.en unless multilingual":
        return stand_in
    if detect_language or (language is not None and language.lower() != "en"):
        return "base"
    return "tiny.en"
