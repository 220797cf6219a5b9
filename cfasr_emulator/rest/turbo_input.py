"""whisper-large-v3-turbo's JSON input (``TurboInput``): base64 audio and faster-whisper's
options, checked against the contract and mapped onto the engine's decoding options."""

from __future__ import annotations

import base64
import binascii
import math

import attrs
from cfasr_client.contract import OptionProblem as ContractProblem
from cfasr_client.contract.params import RunWhisperLargeV3TurboParams

from .. import error_envelope
from ..engine import DecodeOptions
from ..option_words import cloudflare_words
from .inputs import input_with_audio, mismatch

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
        raise mismatch(f"{pointer}/{name}", value, f"'{param.kind}'", request_id)
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
    obj, audio = input_with_audio(doc, request_id, pointer)
    if not isinstance(audio, str):
        raise mismatch(f"{pointer}/audio", audio, "'string'", request_id)
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
