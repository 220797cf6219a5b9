"""What every POST's body and query are checked for first, refused as Workers AI refuses them.

Workers AI validates inputs against each model's JSON schema and answers 5006 with messages
such as ``Type mismatch of '/audio', 'string' not in 'array','binary'``; the complaints here
and in each model's input module (``whisper_input``, ``turbo_input``, ``nova3_input``) use
the same wording. Unknown fields and query parameters are accepted and ignored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import attrs
from cfasr_client.contract.params import RunNova3Params

from .. import error_envelope
from ..option_words import RefusedOption, parse_query

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


def mismatch(pointer: str, value: object, allowed: str, request_id: str) -> error_envelope.ApiError:
    """Workers AI's 5006 for a value of the wrong JSON type at ``pointer``."""
    return error_envelope.bad_input(
        f"Type mismatch of '{pointer}', '{json_type(value)}' not in {allowed}", request_id
    )


def require_object(doc: object, request_id: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise mismatch("/", doc, "'object'", request_id)
    return doc


def input_with_audio(doc: object, request_id: str, pointer: str) -> tuple[dict[str, Any], object]:
    """A JSON input object and its ``audio`` member, refused as Workers AI does when it is not
    an object, has no ``audio``, or carries a request member of the wrong type."""
    obj = require_object(doc, request_id)
    if "audio" not in obj:
        raise error_envelope.bad_input(
            f"required properties at '{pointer or '/'}' are 'audio'", request_id
        )
    check_request_members(obj, request_id, pointer)
    return obj, obj["audio"]


def check_request_members(obj: dict[str, Any], request_id: str, pointer: str) -> None:
    """The members a JSON input may carry besides the model's: ``options`` (RequestOptions)
    and, in a batch item (``pointer`` set), ``external_reference``."""
    if "options" in obj:
        options = obj["options"]
        if not isinstance(options, dict):
            raise mismatch(f"{pointer}/options", options, "'object'", request_id)
        if "rejectIfBusy" in options and not isinstance(options["rejectIfBusy"], bool):
            reject = options["rejectIfBusy"]
            raise mismatch(f"{pointer}/options/rejectIfBusy", reject, "'boolean'", request_id)
    if pointer and "external_reference" in obj:
        reference = obj["external_reference"]
        if not isinstance(reference, str):
            pointer_ref = f"{pointer}/external_reference"
            raise mismatch(pointer_ref, reference, "'string'", request_id)


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
