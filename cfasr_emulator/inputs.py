"""Request bodies and options → what to recognise, refused the way Workers AI refuses them.

Workers AI validates inputs against each model's JSON schema and answers 5006 with messages
such as ``Type mismatch of '/audio', 'string' not in 'array','binary'``; the complaints here
use the same wording. Unknown fields and query parameters are accepted and ignored.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from cfasr_client.models import (
    Nova3CustomMode,
    Nova3Encoding,
    Nova3Language,
    Nova3Mode,
    Nova3Redact,
)

from . import error_envelope

JsonType = str


def json_type(value: object) -> JsonType:
    """The JSON-schema type name of a decoded JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _refuse_constant(name: str) -> Any:
    # Python's json takes NaN and Infinity; Cloudflare's JSON.parse (JavaScript) does not.
    raise ValueError(f"{name} is not a JSON value")


def parse_json(body: bytes, request_id: str) -> Any:
    if not body.strip():
        raise error_envelope.bad_input("required properties at '/' are 'audio'", request_id)
    try:
        return json.loads(body, parse_constant=_refuse_constant)
    # A deeply nested body exhausts the parser's recursion; Cloudflare answers it as bad JSON.
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise error_envelope.bad_input(f"the body is not valid JSON ({exc})", request_id) from None


def _mismatch(
    pointer: str, value: object, allowed: str, request_id: str
) -> error_envelope.ApiError:
    return error_envelope.bad_input(
        f"Type mismatch of '{pointer}', '{json_type(value)}' not in {allowed}", request_id
    )


def require_object(doc: object, request_id: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise _mismatch("/", doc, "'object'", request_id)
    return doc


def whisper_audio(doc: object, request_id: str, pointer: str = "") -> bytes:
    """The audio bytes of a whisper JSON input ``{"audio": [0..255, ...]}``."""
    obj = require_object(doc, request_id)
    if "audio" not in obj:
        raise error_envelope.bad_input(
            f"required properties at '{pointer or '/'}' are 'audio'", request_id
        )
    audio = obj["audio"]
    if not isinstance(audio, list):
        raise _mismatch(f"{pointer}/audio", audio, "'array','binary'", request_id)
    if not audio:
        raise error_envelope.bad_input(f"'{pointer}/audio' must have at least 1 item", request_id)
    for index, item in enumerate(audio):
        if not isinstance(item, int) or isinstance(item, bool):
            raise _mismatch(f"{pointer}/audio/{index}", item, "'integer'", request_id)
        if not 0 <= item <= 255:
            raise error_envelope.bad_input(
                f"'{pointer}/audio/{index}' must be between 0 and 255, got {item}", request_id
            )
    return bytes(audio)


# --- whisper-large-v3-turbo -------------------------------------------------------------

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@attrs.frozen
class NumberRule:
    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None


_TURBO_NUMBERS: dict[str, NumberRule] = {
    "beam_size": NumberRule(integer=True, minimum=1, maximum=20),
    "no_speech_threshold": NumberRule(minimum=0, maximum=1),
    "compression_ratio_threshold": NumberRule(minimum=0),
    "log_prob_threshold": NumberRule(maximum=0),
    "hallucination_silence_threshold": NumberRule(minimum=0),
}
_TURBO_STRINGS = ("initial_prompt", "prefix")
_TURBO_BOOLEANS = ("condition_on_previous_text",)


@attrs.frozen
class TurboRequest:
    """A validated turbo input: the audio and the keyword arguments for the engine."""

    audio: bytes
    engine_options: dict[str, Any]
    external_reference: str | None = None


def _number(name: str, value: object, rule: NumberRule, pointer: str, rid: str) -> float:
    wanted = "'integer'" if rule.integer else "'number'"
    ok = isinstance(value, int) if rule.integer else isinstance(value, int | float)
    if not ok or isinstance(value, bool):
        raise _mismatch(f"{pointer}/{name}", value, wanted, rid)
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # An integer of hundreds of digits.
        number = math.inf
    if not math.isfinite(number):  # NaN slips past every comparison below.
        raise error_envelope.bad_input(f"'{pointer}/{name}' must be a finite number", rid)
    if rule.minimum is not None and number < rule.minimum:
        raise error_envelope.bad_input(f"'{pointer}/{name}' must be >= {rule.minimum:g}", rid)
    if rule.maximum is not None and number > rule.maximum:
        raise error_envelope.bad_input(f"'{pointer}/{name}' must be <= {rule.maximum:g}", rid)
    return number


def turbo_request(
    doc: object, request_id: str, languages: frozenset[str], pointer: str = ""
) -> TurboRequest:
    """Validate a TurboInput (openapi.yaml) and map it onto engine options."""
    obj = require_object(doc, request_id)
    if "audio" not in obj:
        raise error_envelope.bad_input(
            f"required properties at '{pointer or '/'}' are 'audio'", request_id
        )
    audio = obj["audio"]
    if not isinstance(audio, str):
        raise _mismatch(f"{pointer}/audio", audio, "'string'", request_id)
    if not audio:
        raise error_envelope.bad_input(f"'{pointer}/audio' must not be empty", request_id)
    try:
        data = base64.b64decode(audio, validate=True)
    except (binascii.Error, ValueError):
        raise error_envelope.invalid_data(
            f"'{pointer}/audio' is not valid base64", request_id
        ) from None
    options: dict[str, Any] = {}
    task = obj.get("task")
    if task is not None:
        if task not in ("transcribe", "translate"):
            raise error_envelope.bad_input(
                f"'{pointer}/task' must be one of 'transcribe','translate'", request_id
            )
        options["task"] = task
    language = obj.get("language")
    if language is not None:
        if not isinstance(language, str):
            raise _mismatch(f"{pointer}/language", language, "'string'", request_id)
        if not _LANGUAGE_CODE.match(language) or language not in languages:
            raise error_envelope.bad_input(
                f"'{pointer}/language' is not a supported ISO 639-1 language code: {language!r}",
                request_id,
            )
        options["language"] = language
    vad = obj.get("vad_filter")
    if vad is not None:
        # Older schemas typed it as the string "false" and Cloudflare's tutorial still sends one.
        if isinstance(vad, str) and vad in ("true", "false"):
            vad = vad == "true"
        if not isinstance(vad, bool):
            raise _mismatch(f"{pointer}/vad_filter", vad, "'boolean'", request_id)
        options["vad_filter"] = vad
    for name in _TURBO_STRINGS:
        if obj.get(name) is not None:
            if not isinstance(obj[name], str):
                raise _mismatch(f"{pointer}/{name}", obj[name], "'string'", request_id)
            options[name] = obj[name]
    for name in _TURBO_BOOLEANS:
        if obj.get(name) is not None:
            if not isinstance(obj[name], bool):
                raise _mismatch(f"{pointer}/{name}", obj[name], "'boolean'", request_id)
            options[name] = obj[name]
    for name, rule in _TURBO_NUMBERS.items():
        if obj.get(name) is not None:
            number = _number(name, obj[name], rule, pointer, request_id)
            options[name] = int(number) if rule.integer else number
    reference = obj.get("external_reference")
    return TurboRequest(data, options, reference if isinstance(reference, str) else None)


# --- nova-3 query options ---------------------------------------------------------------

NOVA3_BOOLEANS = frozenset(
    {
        "detect_entities",
        "detect_language",
        "diarize",
        "dictation",
        "filler_words",
        "measurements",
        "mip_opt_out",
        "multichannel",
        "numerals",
        "paragraphs",
        "profanity_filter",
        "punctuate",
        "sentiment",
        "smart_format",
        "topics",
        "utterances",
        "interim_results",
        "vad_events",
    }
)
NOVA3_ENUMS: dict[str, tuple[str, ...]] = {
    name: tuple(member.value for member in enum)
    for name, enum in (
        ("custom_topic_mode", Nova3CustomMode),
        ("custom_intent_mode", Nova3CustomMode),
        ("encoding", Nova3Encoding),
        ("language", Nova3Language),
        ("mode", Nova3Mode),
        ("redact", Nova3Redact),
    )
}
"""Allowed values of nova-3's enum options, from the generated (spec) enums."""
_NOVA3_PATTERNS = {"extra": re.compile(r"^[^:]+:.*$"), "replace": re.compile(r"^[^:]+:.*$")}
_NOVA3_NUMBERS: dict[str, NumberRule] = {
    "utt_split": NumberRule(minimum=0, maximum=60),
    "channels": NumberRule(integer=True, minimum=1, maximum=16),
    "sample_rate": NumberRule(integer=True, minimum=1000, maximum=192000),
    "utterance_end_ms": NumberRule(integer=True, minimum=1000, maximum=5000),
}
_ENDPOINTING = re.compile(r"^([0-9]+|true|false)$")
_TAGS = re.compile(r"^[A-Za-z0-9:./@-]*$")

# Options whose effect the emulator cannot produce; they are accepted and reported.
_NOT_APPLIED_WHEN_TRUE = (
    "detect_entities",
    "diarize",
    "dictation",
    "filler_words",
    "measurements",
    "multichannel",
    "numerals",
    "paragraphs",
    "profanity_filter",
    "sentiment",
    "topics",
)
_NOT_APPLIED_WHEN_GIVEN = (
    "custom_topic",
    "custom_topic_mode",
    "custom_intent",
    "custom_intent_mode",
    "extra",
    "mode",
    "replace",
    "search",
)
_STREAMING_ONLY = (
    "interim_results",
    "endpointing",
    "utterance_end_ms",
    "vad_events",
)


@attrs.frozen
class Nova3Options:
    """Validated nova-3 query options: what the engine honours and what it only accepts."""

    language: str | None
    detect_language: bool
    punctuate: bool
    utterances: bool
    utt_split: float
    keyterms: tuple[str, ...]
    encoding: str | None
    sample_rate: int | None
    channels: int
    not_applied: tuple[tuple[str, str], ...]
    """(parameter, reason) pairs reported as metadata.warnings."""


def _flag(query: Mapping[str, str], name: str) -> bool:
    return query.get(name) == "true"


def check_common_query(query: Mapping[str, str], request_id: str) -> None:
    """``queueRequest`` and ``tags``, shared by every POST."""
    queue = query.get("queueRequest")
    if queue is not None and queue not in ("true", "false"):
        raise error_envelope.bad_input(
            "Type mismatch of '/queueRequest', 'string' not in 'boolean'", request_id
        )
    tags = query.get("tags")
    if tags is not None and (len(tags) > 50 or not _TAGS.match(tags)):
        raise error_envelope.bad_input(
            "'/tags' must be at most 50 characters of letters, digits and ':-./@'", request_id
        )


def nova3_options(items: Sequence[tuple[str, str]], request_id: str) -> Nova3Options:
    """Validate the query string of a nova-3 request (types and enums of openapi.yaml)."""
    query: dict[str, str] = {}
    keyterms: list[str] = []
    for key, value in items:
        if key == "keyterm":
            if not value:
                raise error_envelope.bad_input("'/keyterm' items must not be empty", request_id)
            keyterms.append(value)
        else:
            query[key] = value
    check_common_query(query, request_id)
    if "keywords" in query:
        # Deepgram refuses the legacy option for Nova-3, and Cloudflare passes it through.
        raise error_envelope.bad_input(
            "Keywords are not supported for Nova-3. Please use keyterm instead.", request_id
        )
    for name in NOVA3_BOOLEANS & query.keys():
        if query[name] not in ("true", "false"):
            raise error_envelope.bad_input(
                f"Type mismatch of '/{name}', 'string' not in 'boolean'", request_id
            )
    for name, allowed in NOVA3_ENUMS.items():
        if name in query and query[name] not in allowed:
            choices = ",".join(f"'{a}'" for a in allowed)
            raise error_envelope.bad_input(f"'/{name}' must be one of {choices}", request_id)
    for name, pattern in _NOVA3_PATTERNS.items():
        if name in query and not pattern.match(query[name]):
            raise error_envelope.bad_input(f"'/{name}' must look like 'key:value'", request_id)
    numbers: dict[str, float] = {}
    for name, rule in _NOVA3_NUMBERS.items():
        if name in query:
            try:
                parsed: object = int(query[name]) if rule.integer else float(query[name])
            except ValueError:
                parsed = query[name]
            numbers[name] = _number(name, parsed, rule, "", request_id)
    if "endpointing" in query and not _ENDPOINTING.match(query["endpointing"]):
        raise error_envelope.bad_input("'/endpointing' must be milliseconds or 'false'", request_id)
    not_applied = [
        (name, "accepted, but the emulator's engine cannot do it")
        for name in _NOT_APPLIED_WHEN_TRUE
        if _flag(query, name)
    ]
    not_applied += [
        (name, "accepted, but the emulator's engine cannot do it")
        for name in _NOT_APPLIED_WHEN_GIVEN
        if name in query
    ]
    if query.get("redact", "false") != "false":
        not_applied.append(("redact", "accepted, but the emulator's engine cannot do it"))
    not_applied += [
        (name, "only has an effect on the WebSocket") for name in _STREAMING_ONLY if name in query
    ]
    return Nova3Options(
        language=query.get("language"),
        detect_language=_flag(query, "detect_language"),
        punctuate=_flag(query, "punctuate") or _flag(query, "smart_format"),
        utterances=_flag(query, "utterances"),
        utt_split=numbers.get("utt_split", 0.8),
        keyterms=tuple(keyterms),
        encoding=query.get("encoding"),
        sample_rate=int(numbers["sample_rate"]) if "sample_rate" in numbers else None,
        channels=int(numbers.get("channels", 1)),
        not_applied=tuple(not_applied),
    )
