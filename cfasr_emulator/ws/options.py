"""Query-string options of the streaming endpoints, validated before the upgrade is accepted.

Refusing bad options at the handshake (HTTP 400 with Cloudflare's envelope) matches what a
client sees from the real service, and means a session never starts with settings it cannot
honour. Each complaint is worded so the caller knows which parameter to fix and how.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from cfasr_client.contract import OPERATIONS
from cfasr_client.contract import OptionProblem as ContractProblem
from cfasr_client.contract.params import StreamFluxParams, StreamNova3Params

from ..engine import PROBED_ENCODINGS, RAW_ENCODINGS, undecodable_encoding
from ..nova3_view import Nova3View, not_applied, refuse_refused, view_fields
from ..option_words import RefusedOption, cloudflare_words, parse_params

QueryItems = Sequence[tuple[str, str]]


OptionProblem = RefusedOption
"""A query parameter the endpoint refuses; the message names it and what is allowed."""


_V1_FIELDS = attrs.fields(StreamNova3Params)
_FLUX_FIELDS = attrs.fields(StreamFluxParams)
_REST_NOVA3 = OPERATIONS["runNova3"]


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
"""ASCII digits only and few enough that ``int()`` cannot refuse them.

``str.isdigit`` also accepts "²" and other Unicode digits, and ``int()`` refuses strings of
more than 4300 digits; either would otherwise escape as a 500 instead of a 5006.
"""


def whole_number(text: str) -> int | None:
    """``text`` as a non-negative integer, or ``None`` if it is not one we take."""
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def _endpointing_ms(text: str) -> int | None:
    """nova-3's ``endpointing`` (milliseconds, or true/false) → milliseconds; ``None``: off."""
    if text == "false":
        return None
    if text == "true":
        return whole_number(_service_endpointing)
    milliseconds = whole_number(text)
    if milliseconds is None:
        raise OptionProblem(f"'/endpointing' must be milliseconds or false, got {text!r}")
    return milliseconds


_service_endpointing = StreamNova3Params().effective().endpointing
DEFAULT_ENDPOINTING_MS = whole_number(_service_endpointing)
"""Deepgram's default; shorter than one VAD frame, so the emulator ends a span after one
silent frame (see ``recognizer_v1.ENDPOINTING_FLOOR_MS``)."""


@attrs.frozen(kw_only=True)
class V1Options(Nova3View):
    """Settings of one nova-3 (Deepgram v1 listen) session: the view nova-3's POST shares,
    and what only the stream has."""

    interim_results: bool = False
    endpointing_ms: int | None = DEFAULT_ENDPOINTING_MS
    """``None`` when the client sent ``endpointing=false``."""
    utterance_end_ms: int | None = None
    vad_events: bool = False
    replace: tuple[str, ...] = ()
    """``find:replace`` rules, applied to every Results' words and transcript."""
    diarize: bool = False
    """Label each word with a speaker that holds for the whole stream."""
    not_applied: tuple[str, ...] = ()
    """Options the client turned on that the local engine cannot honour."""

    @property
    def punctuated(self) -> bool:
        return self.punctuate


_HONOURED_V1 = (
    _V1_FIELDS.encoding,
    _V1_FIELDS.sample_rate,
    _V1_FIELDS.channels,
    _V1_FIELDS.language,
    _V1_FIELDS.interim_results,
    _V1_FIELDS.endpointing,
    _V1_FIELDS.utterance_end_ms,
    _V1_FIELDS.vad_events,
    _V1_FIELDS.punctuate,
    _V1_FIELDS.smart_format,
    _V1_FIELDS.keyterm,
    _V1_FIELDS.multichannel,
    _V1_FIELDS.replace,
    _V1_FIELDS.diarize,
)
"""What the local engine does something with; every other option of the spec is accepted
as Cloudflare accepts it and reported as not applied (a new option in the spec included)."""
APPLIED_ON_STREAM = frozenset(field.name for field in _HONOURED_V1)
"""The nova-3 WebSocket's options the emulator applies, by name (the emulator guide's table)."""


_REST_ONLY_V1 = tuple(
    param.name
    for param in _REST_NOVA3.params
    if StreamNova3Params.OPERATION.get(param.name) is None and param.refused is None
)
"""Options of the pre-recorded operation that the streaming one does not take."""


def _rest_only(items: QueryItems) -> tuple[str, ...]:
    """REST-only options the client sent (and did not turn off): the stream ignores them, as
    Cloudflare's does, and says so in ``options_not_applied``."""
    sent = {name for name, text in items if text != "false"}
    return tuple(name for name in _REST_ONLY_V1 if name in sent)


def parse_v1(items: QueryItems) -> V1Options:
    """Validate nova-3 streaming options against the contract; raises :class:`OptionProblem`."""
    refuse_refused(items)  # keywords: the same answer as the POST's
    params = parse_params(StreamNova3Params, items)
    effective = params.effective()
    encoding = effective.encoding
    if encoding is not None and encoding not in (*RAW_ENCODINGS, *PROBED_ENCODINGS):
        raise OptionProblem(undecodable_encoding(encoding))
    split = effective.multichannel and encoding in RAW_ENCODINGS
    if effective.channels > 8 and not split:  # Split channels are each heard alone.
        raise OptionProblem(f"'/channels' {effective.channels}: the local emulator mixes at most 8")
    skipped = not_applied(params, _HONOURED_V1) + _rest_only(items)
    mixed = effective.multichannel and encoding not in RAW_ENCODINGS
    if mixed:  # The channels of a container stream are mixed by its decoder: say so.
        skipped += (_V1_FIELDS.multichannel.name,)
    options = V1Options(
        **view_fields(effective),
        interim_results=effective.interim_results,
        endpointing_ms=_endpointing_ms(effective.endpointing),
        utterance_end_ms=effective.utterance_end_ms,
        vad_events=effective.vad_events,
        replace=effective.replace,
        diarize=effective.diarize,
        not_applied=skipped,
    )
    return attrs.evolve(options, multichannel=False) if mixed else options


_THRESHOLDS = (
    _FLUX_FIELDS.eot_threshold,
    _FLUX_FIELDS.eot_timeout_ms,
    _FLUX_FIELDS.eager_eot_threshold,
)
THRESHOLD_NAMES = frozenset(field.name for field in _THRESHOLDS)
"""The flux options a mid-stream ``Configure`` may change (its ``thresholds`` object)."""


@attrs.frozen
class Thresholds:
    """Flux turn-detection settings; ``Configure`` replaces them mid-stream."""

    eot_threshold: float
    eot_timeout_ms: int
    eager_eot_threshold: float | None = None

    @classmethod
    def of(cls, params: StreamFluxParams) -> Thresholds:
        effective = params.effective()
        return cls(effective.eot_threshold, effective.eot_timeout_ms, effective.eager_eot_threshold)


def configured(params: StreamFluxParams, thresholds: Mapping[str, object]) -> StreamFluxParams:
    """``params`` with a ``Configure``'s thresholds, each checked as the ``streamFlux``
    option of the same name is (numbers or numeric text)."""
    unknown = set(thresholds) - THRESHOLD_NAMES
    if unknown:
        raise OptionProblem("thresholds must be an object of known thresholds")
    flux = StreamFluxParams.OPERATION
    changes: dict[str, Any] = {}
    for name, value in thresholds.items():
        param = flux.get(name)
        assert param is not None, name
        try:
            changes[name] = param.check(value)
        except ContractProblem as problem:
            raise OptionProblem(cloudflare_words(flux, problem)) from None
    return attrs.evolve(params, **changes)


@attrs.frozen
class V2Options:
    """Settings of one flux (Deepgram v2 listen) session."""

    params: StreamFluxParams
    sample_rate: int
    thresholds: Thresholds
    keyterms: tuple[str, ...] = ()


def parse_v2(items: QueryItems) -> V2Options:
    """Validate flux options against the contract; raises :class:`OptionProblem`."""
    flux = StreamFluxParams.OPERATION
    v1_only = sorted(
        {k for k, _ in items} & set(StreamNova3Params.OPERATION.names()) - set(flux.names())
    )
    if v1_only:
        raise OptionProblem(
            f"flux does not take the Deepgram v1 parameter(s) {', '.join(v1_only)}; "
            "use eot_threshold, eager_eot_threshold and eot_timeout_ms for turn detection"
        )
    params = parse_params(StreamFluxParams, items)
    effective = params.effective()
    return V2Options(
        params=params,
        sample_rate=effective.sample_rate,
        thresholds=Thresholds.of(params),
        keyterms=tuple(term.strip() for term in effective.keyterm if term.strip()),
    )
