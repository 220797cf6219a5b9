"""The eight speech-recognition operations and the models the command line can run.

The table is copied from openapi.yaml (operation ids, paths, transports, inputs, options) so
that `cfasr models` works from an installed wheel, which ships no spec file.
"""

from __future__ import annotations

import attrs

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


_NOVA3_REST_OPTIONS = (
    "language",
    "punctuate",
    "smart_format",
    "diarize",
    "detect_language",
    "detect_entities",
    "dictation",
    "filler_words",
    "keyterm (repeatable)",
    "measurements",
    "mip_opt_out",
    "mode",
    "multichannel",
    "numerals",
    "paragraphs",
    "profanity_filter",
    "redact",
    "replace",
    "search",
    "sentiment",
    "topics",
    "utterances",
    "utt_split",
    "custom_topic",
    "custom_topic_mode",
    "custom_intent",
    "custom_intent_mode",
    "extra",
    "encoding",
    "sample_rate",
    "channels",
    "tags",
    "queueRequest",
)
_NOVA3_WS_OPTIONS = (
    "encoding",
    "sample_rate",
    "channels",
    "language",
    "interim_results",
    "endpointing",
    "utterance_end_ms",
    "vad_events",
    "punctuate",
    "smart_format",
    "keyterm (repeatable)",
    "diarize",
    "dictation",
    "detect_entities",
    "filler_words",
    "numerals",
    "profanity_filter",
    "redact",
    "replace",
    "search",
    "extra",
    "mip_opt_out",
    "multichannel",
    "measurements",
    "tag",
)
_WHISPER_INPUT = "audio file (mp3, wav, webm, ogg, flac, m4a) as raw body, or JSON byte array"

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "runWhisper",
        "@cf/openai/whisper",
        "POST",
        "REST",
        _WHISPER_INPUT,
        ("tags", "queueRequest"),
    ),
    Operation(
        "runWhisperTinyEn",
        "@cf/openai/whisper-tiny-en",
        "POST",
        "REST",
        _WHISPER_INPUT,
        ("tags", "queueRequest"),
        "beta, English only",
    ),
    Operation(
        "runWhisperLargeV3Turbo",
        "@cf/openai/whisper-large-v3-turbo",
        "POST",
        "REST",
        "JSON with the audio file base64-encoded; or a batch with queueRequest=true",
        (
            "task (transcribe|translate)",
            "language",
            "vad_filter",
            "initial_prompt",
            "prefix",
            "beam_size",
            "condition_on_previous_text",
            "no_speech_threshold",
            "compression_ratio_threshold",
            "log_prob_threshold",
            "hallucination_silence_threshold",
            "tags",
            "queueRequest",
        ),
    ),
    Operation(
        "runNova3",
        "@cf/deepgram/nova-3",
        "POST",
        "REST",
        "audio file as raw body with its MIME type; options in the query string",
        _NOVA3_REST_OPTIONS,
    ),
    Operation(
        "streamNova3",
        "@cf/deepgram/nova-3",
        "GET",
        "WebSocket",
        "binary audio frames (linear16/mulaw PCM or a container); KeepAlive, Finalize, CloseStream",
        _NOVA3_WS_OPTIONS,
    ),
    Operation(
        "streamNova3Internal",
        "@cf/deepgram/nova-3-internal",
        "GET",
        "WebSocket",
        "as streamNova3",
        _NOVA3_WS_OPTIONS,
        "undocumented, experimental",
    ),
    Operation(
        "runFlux",
        "@cf/deepgram/flux",
        "POST",
        "REST",
        "configuration only, no audio",
        ("encoding", "sample_rate", "eager_eot_threshold", "eot_threshold", "eot_timeout_ms"),
        "does not transcribe; stream instead",
    ),
    Operation(
        "streamFlux",
        "@cf/deepgram/flux",
        "GET",
        "WebSocket",
        "linear16 PCM frames (~80 ms each); Configure, ForceEndTurn, CloseStream",
        (
            "encoding (linear16, required)",
            "sample_rate (required)",
            "eager_eot_threshold",
            "eot_threshold",
            "eot_timeout_ms",
            "keyterm (repeatable)",
            "mip_opt_out",
            "tag",
        ),
        "turn detection",
    ),
)

REST_MODELS = (
    "@cf/openai/whisper",
    "@cf/openai/whisper-tiny-en",
    "@cf/openai/whisper-large-v3-turbo",
    "@cf/deepgram/nova-3",
)
"""Models `cfasr transcribe` can run (flux over REST carries no audio)."""

STREAM_MODELS = ("@cf/deepgram/nova-3", "@cf/deepgram/flux")
"""Models `cfasr stream` can run."""

_ALIASES = {"turbo": "@cf/openai/whisper-large-v3-turbo"}


def short_name(model: str) -> str:
    """ "@cf/deepgram/nova-3" → "nova-3", the name users type."""
    return model.rsplit("/", 1)[-1]


def resolve_model(name: str, allowed: tuple[str, ...], command: str) -> str:
    """A short name, alias or full id → the full model id; `CliError` names the choices."""
    wanted = name.strip()
    full = _ALIASES.get(wanted, wanted)
    for model in allowed:
        if full in (model, short_name(model)):
            return model
    choices = ", ".join(short_name(m) for m in allowed)
    known = {m for op in OPERATIONS for m in (op.model, short_name(op.model))}
    why = f"{command} cannot use it" if full in known else "unknown model"
    raise CliError(
        f"model {name!r}: {why}; choose one of {choices} (`cfasr models` lists them all)."
    )
