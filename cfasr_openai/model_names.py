"""OpenAI model names → Workers AI model ids, and the `/v1/models` list.

Every id comes from `cfasr_ext.internal` (itself from the contract); the one name added
here is OpenAI's `whisper-1`, which goes to the closest Workers AI model.
"""

from __future__ import annotations

from cfasr_ext.internal import FLUX, MODEL_ALIASES, NOVA_3, TRANSCRIBE_MODELS, TURBO

from .errors import OpenAIError

__all__ = [
    "OPENAI_ALIASES",
    "REALTIME_ALIASES",
    "REALTIME_MODELS",
    "STREAMING_MODEL",
    "listed_models",
    "model_for",
    "realtime_model_for",
]

OPENAI_ALIASES: dict[str, str] = {"whisper-1": TURBO}
"""OpenAI's names for the models it serves; tools default to `whisper-1`."""

REALTIME_ALIASES: dict[str, str] = {
    "gpt-4o-transcribe": NOVA_3,
    "gpt-4o-mini-transcribe": NOVA_3,
    "whisper-1": NOVA_3,
}
"""OpenAI's transcription models for `/v1/realtime?intent=transcription`: all go to nova-3,
the Workers AI model with interim results and endpointing over a WebSocket (whisper-1 is
turbo on REST, but turbo takes no live audio)."""

REALTIME_MODELS: tuple[str, ...] = (NOVA_3, FLUX)
"""The Workers AI ids a realtime session runs on: nova-3 (server VAD, or commits) and flux
(its own turn detection, for `semantic_vad`)."""

STREAMING_MODEL = NOVA_3
"""The model that serves `stream=true`: nova-3, the one that takes files over REST and live
audio over a WebSocket (flux streams but transcribes no files). With any other model,
`stream=true` is ignored and the answer sent whole, as OpenAI does for `whisper-1`."""

TRANSLATION_MODEL = TURBO
"""The one Workers AI model that translates (turbo's `task=translate`)."""


def model_for(name: str) -> str:
    """The Workers AI id for `name` (an OpenAI name, a Workers AI id or a cfasr short name);
    a 404 `model_not_found` for anything else, as OpenAI answers."""
    full = OPENAI_ALIASES.get(name) or MODEL_ALIASES.get(name, name)
    if full not in TRANSCRIBE_MODELS:
        raise OpenAIError(
            404,
            f"The model `{name}` does not exist or cannot transcribe files; use one of: "
            f"{', '.join(listed_models())}.",
            param="model",
            code="model_not_found",
        )
    return full


def listed_models() -> list[str]:
    """Every name `/v1/models` lists: OpenAI's aliases first, then the Workers AI ids."""
    return [*OPENAI_ALIASES, *TRANSCRIBE_MODELS]


def realtime_model_for(name: str) -> str:
    """The Workers AI model behind realtime transcription `name` (an OpenAI name, a Workers
    AI id or a short name); an `OpenAIError` naming the choices for anything else."""
    full = REALTIME_ALIASES.get(name) or MODEL_ALIASES.get(name, name)
    if full not in REALTIME_MODELS:
        choices = [*REALTIME_ALIASES, *REALTIME_MODELS]
        raise OpenAIError(
            400,
            f"The model `{name}` cannot transcribe live audio here; use one of: "
            f"{', '.join(choices)}.",
            param="session.audio.input.transcription.model",
            code="invalid_value",
        )
    return full
