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
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
from cfasr_client.contract import OPERATIONS
from cfasr_client.contract import OptionProblem as ContractProblem
from cfasr_client.contract.params import (
    RunNova3Params,
    RunWhisperLargeV3TurboParams,
    StreamNova3Params,
)

from .. import error_envelope
from ..engine import DecodeOptions
from ..nova3_view import Nova3View, not_applied, refuse_refused, view_fields
from ..option_words import RefusedOption, cloudflare_words, parse_params, parse_query

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


def refuse_constant(name: str) -> Any:
    # Python's json takes NaN and Infinity; Cloudflare's JSON.parse (JavaScript) does not.
    raise ValueError(f"{name} is not a JSON value")


def parse_json(body: bytes, request_id: str) -> Any:
    if not body.strip():
        raise error_envelope.bad_input("required properties at '/' are 'audio'", request_id)
    try:
        return json.loads(body, parse_constant=refuse_constant)
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


def check_request_members(obj: dict[str, Any], request_id: str, pointer: str) -> None:
    """The members a JSON input may carry besides the model's: ``options`` (RequestOptions)
    and, in a batch item (``pointer`` set), ``external_reference``."""
    if "options" in obj:
        options = obj["options"]
        if not isinstance(options, dict):
            raise _mismatch(f"{pointer}/options", options, "'object'", request_id)
        if "rejectIfBusy" in options and not isinstance(options["rejectIfBusy"], bool):
            reject = options["rejectIfBusy"]
            raise _mismatch(f"{pointer}/options/rejectIfBusy", reject, "'boolean'", request_id)
    if pointer and "external_reference" in obj:
        reference = obj["external_reference"]
        if not isinstance(reference, str):
            pointer_ref = f"{pointer}/external_reference"
            raise _mismatch(pointer_ref, reference, "'string'", request_id)


def whisper_audio(doc: object, request_id: str, pointer: str = "") -> bytes:
    """The audio bytes of a whisper JSON input ``{"audio": [0..255, ...]}``."""
    obj = require_object(doc, request_id)
    if "audio" not in obj:
        raise error_envelope.bad_input(
            f"required properties at '{pointer or '/'}' are 'audio'", request_id
        )
    check_request_members(obj, request_id, pointer)
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


_BYTE_ARRAY_HEAD = re.compile(rb'\A\s*\{\s*"audio"\s*:\s*\[')
_BYTE_ARRAY_TAIL = re.compile(rb"\]\s*\}\s*\Z")
_DIGITS_APART = re.compile(rb"\d\s+\d")
_JSON_SPACE = b" \t\r\n"
_BYTE_ARRAY_CHUNK = 256 * 1024
"""Bytes of the array parsed per step; each step holds the GIL for a few milliseconds only."""


def _small_integers(piece: bytes) -> npt.NDArray[np.int32] | None:
    """``b"12,0,255"`` to its integers, vectorised; None for over 3 digits or a leading 0.

    ``piece`` holds only digits and single commas, with no leading or trailing comma.
    """
    digits = np.frombuffer(piece, dtype=np.uint8).astype(np.int32) - ord("0")
    commas = np.flatnonzero(digits == ord(",") - ord("0"))
    ends = np.append(commas, digits.size)
    lengths = ends - np.concatenate(([0], commas + 1))
    if int(lengths.max()) > 3 or np.any((digits[ends - lengths] == 0) & (lengths > 1)):
        return None
    values: npt.NDArray[np.int32] = digits[ends - 1]
    two = lengths >= 2
    values[two] += 10 * digits[ends[two] - 2]
    three = lengths == 3
    values[three] += 100 * digits[ends[three] - 3]
    return values


def byte_array_audio(body: bytes, request_id: str) -> bytes | None:
    """The audio of a body that is exactly ``{"audio": [n, n, ...]}`` of integers 0..255.

    ``json.loads`` holds the GIL for the whole body (2.7 s for 40 MB), so even in a worker
    thread it would freeze the event loop. This parses the array a slice at a time, letting
    other threads run in between. A value over 255 is refused as :func:`whisper_audio`
    refuses it; anything else (other members, other number forms, broken JSON) returns None
    and takes the general path, whose refusals have the exact wording.
    """
    head = _BYTE_ARRAY_HEAD.match(body[:256])
    tail = _BYTE_ARRAY_TAIL.search(body[-256:])
    if head is None or tail is None:
        return None
    start, end = head.end(), len(body) - len(body[-256:]) + tail.start()
    if end <= start:
        return None
    out = bytearray()
    index = 0
    while start < end:
        cut = body.find(b",", min(start + _BYTE_ARRAY_CHUNK, end), end)
        stop = end if cut < 0 else cut
        piece = body[start:stop].replace(b", ", b",")  # json.dumps's separator, the usual one
        if piece.translate(None, _JSON_SPACE) != piece:
            if _DIGITS_APART.search(piece):
                return None
            piece = piece.translate(None, _JSON_SPACE)
        if not piece or piece.translate(None, b"0123456789,"):
            return None
        if piece[:1] == b"," or piece[-1:] == b"," or b",," in piece:
            return None
        values = _small_integers(piece)
        if values is None:
            return None
        if int(values.max()) > 255:
            at = int(np.argmax(values > 255))
            raise error_envelope.bad_input(
                f"'/audio/{index + at}' must be between 0 and 255, got {values[at]}", request_id
            )
        index += values.size
        out += values.astype(np.uint8).tobytes()
        start = stop + 1
    return bytes(out)


# --- whisper-large-v3-turbo -------------------------------------------------------------

_TURBO = RunWhisperLargeV3TurboParams.OPERATION
_TURBO_FIELDS = attrs.fields(RunWhisperLargeV3TurboParams)
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
}


@attrs.frozen
class TurboRequest:
    """A validated turbo input: the audio and the decoding options for the engine."""

    audio: bytes
    options: DecodeOptions
    external_reference: str | None = None


def _body_option(name: str, value: object, pointer: str, request_id: str) -> object:
    """One TurboInput field: its JSON type as Workers AI words a mismatch, then the spec's
    ranges, enums and patterns from the contract."""
    param = _TURBO.get(name)
    assert param is not None
    kinds = _JSON_TYPES.get(param.kind, (object,))
    if isinstance(value, bool) and bool not in kinds:
        kinds = ()
    if not isinstance(value, kinds):
        raise _mismatch(f"{pointer}/{name}", value, f"'{param.kind}'", request_id)
    if isinstance(value, float | int) and not isinstance(value, bool):
        try:
            finite = math.isfinite(value)
        except OverflowError:  # An integer of hundreds of digits.
            finite = False
        if not finite:  # NaN slips past every comparison.
            raise error_envelope.bad_input(
                f"'{pointer}/{name}' must be a finite number", request_id
            )
    try:
        checked = param.check(value)
        param.check_emulator_limits(checked)
    except ContractProblem as problem:
        raise error_envelope.bad_input(
            cloudflare_words(_TURBO, problem, pointer), request_id
        ) from None
    return checked


def turbo_request(
    doc: object,
    request_id: str,
    languages: frozenset[str],
    pointer: str = "",
    *,
    decoded_audio: bytes | None = None,
) -> TurboRequest:
    """Validate a TurboInput (openapi.yaml) and map it onto engine options.

    ``decoded_audio``: the audio already decoded from the body's base64 as it arrived
    (:mod:`.turbo_body`); ``doc["audio"]`` then only stands for it."""
    obj = require_object(doc, request_id)
    if "audio" not in obj:
        raise error_envelope.bad_input(
            f"required properties at '{pointer or '/'}' are 'audio'", request_id
        )
    check_request_members(obj, request_id, pointer)
    audio = obj["audio"]
    if not isinstance(audio, str):
        raise _mismatch(f"{pointer}/audio", audio, "'string'", request_id)
    if not audio:
        raise error_envelope.bad_input(f"'{pointer}/audio' must not be empty", request_id)
    try:
        data = base64.b64decode(audio, validate=True) if decoded_audio is None else decoded_audio
    except (binascii.Error, ValueError):
        raise error_envelope.invalid_data(
            f"'{pointer}/audio' is not valid base64", request_id
        ) from None
    vad_filter = _TURBO_FIELDS.vad_filter.name
    vad = obj.get(vad_filter)
    if isinstance(vad, str) and vad in ("true", "false"):
        # Older schemas typed it as the string "false" and Cloudflare's tutorial still sends one.
        obj = {**obj, vad_filter: vad == "true"}
    given = {
        name: _body_option(name, obj[name], pointer, request_id)
        for name in _TURBO.names("body")
        if obj.get(name) is not None
    }
    try:
        params = RunWhisperLargeV3TurboParams.from_body(given)
    except ContractProblem as problem:
        raise error_envelope.bad_input(
            cloudflare_words(_TURBO, problem, pointer), request_id
        ) from None
    if params.language is not None and params.language not in languages:
        raise error_envelope.bad_input(
            f"'{pointer}/{_TURBO_FIELDS.language.name}' is not a supported ISO 639-1 language "
            f"code: {params.language!r}",
            request_id,
        )
    reference = obj.get("external_reference")
    # An option the request omits runs with the spec's default, as on Workers AI.
    options = DecodeOptions.of(params.effective())
    return TurboRequest(data, options, reference if isinstance(reference, str) else None)


# --- nova-3 query options ---------------------------------------------------------------

_NOVA3 = OPERATIONS["runNova3"]


@attrs.frozen
class Nova3BatchInput:
    """One item of a nova-3 batch: the audio, its MIME type, its options as query items."""

    audio: bytes
    content_type: str
    query: tuple[tuple[str, str], ...]
    external_reference: str | None


_NOVA3_ITEM_FIELDS = frozenset({"audio", "external_reference", "options"})


def _query_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def nova3_batch_item(doc: object, request_id: str, pointer: str) -> Nova3BatchInput:
    """A ``Nova3BatchItem`` (openapi.yaml): ``{"audio": {"body": <base64>, "contentType"},
    ...options}``. The options become query items, checked later like a query string."""
    obj = require_object(doc, request_id)
    check_request_members(obj, request_id, pointer)
    audio = obj.get("audio")
    if not isinstance(audio, dict) or not {"body", "contentType"} <= set(audio):
        raise error_envelope.bad_input(
            f"required properties at '{pointer}/audio' are 'body,contentType'", request_id
        )
    body, content_type = audio["body"], audio["contentType"]
    for name, value in (("body", body), ("contentType", content_type)):
        if not isinstance(value, str):
            raise _mismatch(f"{pointer}/audio/{name}", value, "'string'", request_id)
        if not value:
            raise error_envelope.bad_input(
                f"'{pointer}/audio/{name}' must not be empty", request_id
            )
    try:
        data = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise error_envelope.invalid_data(
            f"'{pointer}/audio/body' is not valid base64", request_id
        ) from None
    query: list[tuple[str, str]] = []
    for name, value in obj.items():
        if name in _NOVA3_ITEM_FIELDS or value is None:
            continue
        values = value if isinstance(value, list) else [value]
        query += [(name, _query_text(item)) for item in values]
    reference = obj.get("external_reference")
    return Nova3BatchInput(
        data, content_type, tuple(query), reference if isinstance(reference, str) else None
    )


@attrs.frozen(kw_only=True)
class Nova3Options(Nova3View):
    """A nova-3 POST's options: the view both transports share, and what only REST has."""

    utterances: bool
    utt_split: float
    replace: tuple[str, ...]
    """``find:replace`` rules, applied to the words and the transcript."""
    search: tuple[str, ...]
    """Queries reported as ``results.channels[].search``."""
    paragraphs: bool
    diarize: bool
    """Label each word with its speaker (utterances and paragraphs split where it changes)."""
    extra: tuple[str, ...]
    """``key:value`` pairs echoed as ``metadata.extra``."""
    not_applied: tuple[tuple[str, str], ...]
    """(parameter, reason) pairs reported as metadata.warnings."""


_QUEUE_REQUEST = attrs.fields(RunNova3Params).queueRequest.name
"""The query parameter that makes a POST a batch submission or poll; every operation that
batches takes it alike."""


def is_queued(query: Sequence[tuple[str, str]]) -> bool:
    """Whether a (checked) POST query asks for the batch queue."""
    return dict(query).get(_QUEUE_REQUEST) == "true"


def check_query(
    operation_id: str, items: Sequence[tuple[str, str]], request_id: str
) -> dict[str, object]:
    """:func:`parse_query` for a POST: a refusal is answered 400/5006 in the envelope."""
    try:
        return parse_query(operation_id, items)
    except RefusedOption as refused:
        raise error_envelope.bad_input(str(refused), request_id) from None


_FIELDS = attrs.fields(RunNova3Params)
_HONOURED_NOVA3 = (
    _FIELDS.tags,
    _FIELDS.queueRequest,
    _FIELDS.language,
    _FIELDS.detect_language,
    _FIELDS.punctuate,
    _FIELDS.smart_format,
    _FIELDS.utterances,
    _FIELDS.utt_split,
    _FIELDS.keyterm,
    _FIELDS.encoding,
    _FIELDS.sample_rate,
    _FIELDS.channels,
    _FIELDS.multichannel,
    _FIELDS.replace,
    _FIELDS.search,
    _FIELDS.paragraphs,
    _FIELDS.extra,
    _FIELDS.diarize,
)
"""What the local engine does something with; every other option of the spec is accepted as
Cloudflare accepts it and reported in ``metadata.warnings`` (a new option in the spec too)."""
APPLIED_ON_POST = frozenset(field.name for field in _HONOURED_NOVA3)
"""The nova-3 POST's options the emulator applies, by name (the emulator guide's table)."""
_STREAM_ONLY = tuple(
    name for name in StreamNova3Params.OPERATION.names() if _NOVA3.get(name) is None
)
"""Options of the nova-3 WebSocket that the POST does not take."""


def nova3_options(items: Sequence[tuple[str, str]], request_id: str) -> Nova3Options:
    """The query string of a nova-3 request, checked against ``runNova3`` of the spec."""
    try:
        refuse_refused(items)  # keywords: Deepgram's answer, which Cloudflare passes on
        params = parse_params(RunNova3Params, items)
    except RefusedOption as refused:
        raise error_envelope.bad_input(str(refused), request_id) from None
    given = {name for name, _ in items}
    warnings = [
        (name, "accepted, but the emulator's engine cannot do it")
        for name in not_applied(params, _HONOURED_NOVA3)
    ] + [(name, "only has an effect on the WebSocket") for name in _STREAM_ONLY if name in given]
    effective = params.effective()
    return Nova3Options(
        **view_fields(effective),
        utterances=effective.utterances,
        utt_split=effective.utt_split,
        replace=effective.replace,
        search=effective.search,
        paragraphs=effective.paragraphs,
        diarize=effective.diarize,
        extra=effective.extra,
        not_applied=tuple(warnings),
    )
