"""nova-3's POST inputs: Deepgram's options in the query string (or a batch item's
members), checked against ``runNova3`` of the spec, and the audio of a JSON batch item."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence

import attrs
from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.params import RunNova3Params, StreamNova3Params

from .. import error_envelope
from ..nova3_view import Nova3View, not_applied, refuse_refused, view_fields
from ..option_words import RefusedOption, parse_params
from .inputs import check_request_members, mismatch, require_object

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
            raise mismatch(f"{pointer}/audio/{name}", value, "'string'", request_id)
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
