"""What cfasr's own gateway, emulator and command line share with the SDK.

The one declared seam between `cfasr_ext` and the packages stacked on it (`cfasr_openai`,
`cfasr_emulator`, `cfasr_cli`): they import the SDK's public names from `cfasr_ext` and the
rest from here, never from a `_private` module, so the SDK can reorganise its private modules
without breaking them (import-linter checks this in `make lint`). Not meant for users: these
names may change with any release. Importing this module stays as light as `import cfasr_ext`
(no HTTP client, no audio decoding until a long recording is cut).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cfasr_ext._audio_decoder import audio_channels
from cfasr_ext._audio_sources import AUDIO_SUFFIXES
from cfasr_ext._config import is_loopback_host
from cfasr_ext._extras import MissingExtraError, require_extra
from cfasr_ext._logging import setup_from_env
from cfasr_ext._long_audio import transcribe_long
from cfasr_ext._model_names import (
    FLUX,
    MODEL_ALIASES,
    NOVA_3,
    TRANSCRIBE_MODELS,
    TURBO,
    short_name,
)
from cfasr_ext._ratelimit import DEFAULT_REQUESTS_PER_MINUTE

if TYPE_CHECKING:
    from cfasr_ext._client import Client
    from cfasr_ext.transcript import Transcript

__all__ = [
    "AUDIO_SUFFIXES",
    "DEFAULT_REQUESTS_PER_MINUTE",
    "FLUX",
    "MODEL_ALIASES",
    "NOVA_3",
    "TRANSCRIBE_MODELS",
    "TURBO",
    "MissingExtraError",
    "audio_channels",
    "is_loopback_host",
    "require_extra",
    "setup_from_env",
    "short_name",
    "transcribe_long",
    "transcribe_piece",
]


def transcribe_piece(
    client: Client, piece: bytes, *, model: str, timeout: float, options: Mapping[str, Any]
) -> Transcript:
    """One piece of a long recording with its own timeout, for a caller of
    `transcribe_long` (imports the client only when called, to keep this module light)."""
    from cfasr_ext._client import transcribe_piece as send_piece

    return send_piece(client, piece, model=model, timeout=timeout, options=options)
