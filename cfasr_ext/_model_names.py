"""Model ids and the short names users type, from the generated contract.

Kept apart from `_client` so that the command line can resolve `--model` and draw its help
without loading httpx, streaming or the generated models.
"""

from __future__ import annotations

from cfasr_client.contract import MODELS, OPERATIONS

__all__ = [
    "FLUX",
    "MODEL_ALIASES",
    "NOVA3_INTERNAL_MODEL",
    "NOVA_3",
    "TRANSCRIBE_MODELS",
    "TURBO",
    "WHISPER",
    "WHISPER_TINY_EN",
    "short_name",
]

WHISPER = OPERATIONS["runWhisper"].model
WHISPER_TINY_EN = OPERATIONS["runWhisperTinyEn"].model
TURBO = OPERATIONS["runWhisperLargeV3Turbo"].model
NOVA_3 = OPERATIONS["runNova3"].model
NOVA3_INTERNAL_MODEL = OPERATIONS["streamNova3Internal"].model
FLUX = OPERATIONS["streamFlux"].model


def short_name(model: str) -> str:
    """ "@cf/deepgram/nova-3" → "nova-3", the name users type."""
    return model.rsplit("/", 1)[-1]


MODEL_ALIASES: dict[str, str] = {short_name(model): model for model in MODELS} | {"turbo": TURBO}
"""Short names: the last part of each model id in the contract, and the SDK's "turbo"."""

TRANSCRIBE_MODELS: tuple[str, ...] = tuple(
    op.model for op in OPERATIONS.values() if op.transport == "rest" and op.takes_audio
)
"""Models `client.transcribe(...)` can run (flux's POST carries configuration, no audio)."""
