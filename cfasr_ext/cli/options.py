"""Model options on the command line, checked against the chosen model before any request.

Each flag lists the models that accept it, so a flag given for another model fails with one
line naming the models that do accept it, instead of a 400 from the API after the upload.
Values themselves are checked by the SDK (`OptionError`), which knows each model's ranges.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from cfasr_ext.cli.catalog import CliError, short_name

__all__ = ["STREAM_FLAGS", "TRANSCRIBE_FLAGS", "ModelFlag", "model_options"]

_TURBO = "@cf/openai/whisper-large-v3-turbo"
_NOVA_3 = "@cf/deepgram/nova-3"
_FLUX = "@cf/deepgram/flux"


@attrs.frozen
class ModelFlag:
    """A command-line flag that becomes the SDK option `option` for the `models` listed."""

    flag: str
    option: str
    models: tuple[str, ...]


TRANSCRIBE_FLAGS: tuple[ModelFlag, ...] = (
    ModelFlag("--language", "language", (_TURBO, _NOVA_3)),
    ModelFlag("--task", "task", (_TURBO,)),
    ModelFlag("--initial-prompt", "initial_prompt", (_TURBO,)),
    ModelFlag("--vad-filter", "vad_filter", (_TURBO,)),
    ModelFlag("--beam-size", "beam_size", (_TURBO,)),
    ModelFlag("--diarize", "diarize", (_NOVA_3,)),
    ModelFlag("--punctuate", "punctuate", (_NOVA_3,)),
    ModelFlag("--smart-format", "smart_format", (_NOVA_3,)),
    ModelFlag("--keyterm", "keyterm", (_NOVA_3,)),
)
STREAM_FLAGS: tuple[ModelFlag, ...] = (
    ModelFlag("--language", "language", (_NOVA_3,)),
    ModelFlag("--diarize", "diarize", (_NOVA_3,)),
    ModelFlag("--punctuate", "punctuate", (_NOVA_3,)),
    ModelFlag("--smart-format", "smart_format", (_NOVA_3,)),
    ModelFlag("--keyterm", "keyterm", (_NOVA_3, _FLUX)),
    ModelFlag("--eot-threshold", "eot_threshold", (_FLUX,)),
    ModelFlag("--eager-eot-threshold", "eager_eot_threshold", (_FLUX,)),
    ModelFlag("--eot-timeout-ms", "eot_timeout_ms", (_FLUX,)),
)


def _given(value: object) -> bool:
    return value is not None and value != () and value != []


def model_options(
    model: str, values: Mapping[str, Any], flags: tuple[ModelFlag, ...]
) -> dict[str, Any]:
    """The SDK options for `model` from flag values keyed by option name (None = not given).

    Raises `CliError` for a flag the model does not accept, naming the models that do."""
    options: dict[str, Any] = {}
    for flag in flags:
        value = values.get(flag.option)
        if not _given(value):
            continue
        if model not in flag.models:
            accepted = ", ".join(short_name(m) for m in flag.models)
            raise CliError(
                f"{flag.flag} is not valid for {short_name(model)}; "
                f"only {accepted} accept{'s' if len(flag.models) == 1 else ''} it "
                f"(pick one with --model)."
            )
        options[flag.option] = list(value) if isinstance(value, tuple | list) else value
    return options
