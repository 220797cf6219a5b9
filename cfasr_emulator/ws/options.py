"""Query-string options of the streaming endpoints, validated before the upgrade is accepted.

Refusing bad options at the handshake (HTTP 400 with Cloudflare's envelope) matches what a
client sees from the real service, and means a session never starts with settings it cannot
honour. Each complaint is worded so the caller knows which parameter to fix and how.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs
from cfasr_client.contract import OPERATIONS, Operation
from cfasr_client.contract import OptionProblem as ContractProblem

from ..engine import (
    PROBED_ENCODINGS,
    RAW_ENCODINGS,
    ModelName,
    choose_model,
    undecodable_encoding,
)
from ..inputs import turned_on
from ..option_words import RefusedOption, cloudflare_words, parse_query

QueryItems = Sequence[tuple[str, str]]


OptionProblem = RefusedOption
"""A query parameter the endpoint refuses; the message names it and what is allowed."""


_V1 = OPERATIONS["streamNova3"]
_V2 = OPERATIONS["streamFlux"]


def _service_default(operation: Operation, name: str) -> Any:
    param = operation.get(name)
    assert param is not None, name
    return param.service_default


DEFAULT_ENDPOINTING_MS = int(_service_default(_V1, "endpointing"))
"""Deepgram's default; shorter than one VAD frame, so the emulator ends a span after one
silent frame (see ``recognizer_v1.ENDPOINTING_FLOOR_MS``)."""
_DEFAULT_LANGUAGE = str(_service_default(_V1, "language"))


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
"""ASCII digits only and few enough that ``int()`` cannot refuse them.

``str.isdigit`` also accepts "²" and other Unicode digits, and ``int()`` refuses strings of
more than 4300 digits; either would otherwise escape as a 500 instead of a 5006.
"""


def whole_number(text: str) -> int | None:
    """``text`` as a non-negative integer, or ``None`` if it is not one we take."""
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


@attrs.frozen
class V1Options:
    """Settings of one nova-3 (Deepgram v1 listen) session."""

    encoding: str | None = None
    sample_rate: int | None = None
    channels: int = 1
    language: str = _DEFAULT_LANGUAGE
    interim_results: bool = False
    endpointing_ms: int | None = DEFAULT_ENDPOINTING_MS
    """``None`` when the client sent ``endpointing=false``."""
    utterance_end_ms: int | None = None
    vad_events: bool = False
    punctuate: bool = False
    smart_format: bool = False
    keyterms: tuple[str, ...] = ()
    multichannel: bool = False
    """One recognizer per channel (raw encodings only); else the channels are mixed to one."""
    not_applied: tuple[str, ...] = ()
    """Options the client turned on that the local engine cannot honour."""

    @property
    def punctuated(self) -> bool:
        return self.punctuate or self.smart_format

    @property
    def whisper_language(self) -> str | None:
        """Whisper's code for the language; ``None`` (detect) for ``multi``."""
        return None if self.language == "multi" else self.language.split("-")[0].lower()

    @property
    def model(self) -> ModelName:
        return choose_model(
            "nova-3", language=self.whisper_language, detect_language=self.language == "multi"
        )


_HONOURED_V1 = frozenset(
    {
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
        "keyterm",
        "multichannel",
    }
)
"""What the local engine does something with; every other option of the spec is accepted
as Cloudflare accepts it and reported as not applied (a new option in the spec included)."""


_REFUSED_ON_REST = frozenset(
    param.name
    for param in OPERATIONS["runNova3"].params
    if param.refused is not None and _V1.get(param.name) is None
)
"""Options the POST refuses (``x-cfasr-refused``) that the stream does not list: the
stream refuses them in the same words rather than ignore them."""


_REST_ONLY_V1 = tuple(
    name
    for name in OPERATIONS["runNova3"].names()
    if _V1.get(name) is None and name not in _REFUSED_ON_REST
)
"""Options of the pre-recorded operation that the streaming one does not take."""


def _rest_only(items: QueryItems) -> tuple[str, ...]:
    """REST-only options the client sent (and did not turn off): the stream ignores them, as
    Cloudflare's does, and says so in ``options_not_applied``."""
    sent = {name for name, text in items if text != "false"}
    return tuple(name for name in _REST_ONLY_V1 if name in sent)


def parse_v1(items: QueryItems) -> V1Options:
    """Validate nova-3 streaming options against the contract; raises :class:`OptionProblem`."""
    refused_on_rest = [(name, text) for name, text in items if name in _REFUSED_ON_REST]
    if refused_on_rest:
        parse_query("runNova3", refused_on_rest)  # keywords: the same refusal as the POST's
    values = parse_query("streamNova3", items)
    encoding = values.get("encoding")
    assert encoding is None or isinstance(encoding, str)
    if encoding is not None and encoding not in (*RAW_ENCODINGS, *PROBED_ENCODINGS):
        raise OptionProblem(undecodable_encoding(encoding))
    channels = int(values.get("channels") or 1)  # type: ignore[call-overload]
    split = values.get("multichannel") is True and encoding in RAW_ENCODINGS
    if channels > 8 and not split:  # Split channels are each heard alone: the spec's cap holds.
        raise OptionProblem(f"'/channels' {channels}: the local emulator mixes at most 8")
    endpointing_text = values.get("endpointing")
    if endpointing_text == "false":
        endpointing: int | None = None
    elif endpointing_text is None or endpointing_text == "true":
        endpointing = DEFAULT_ENDPOINTING_MS
    else:
        endpointing = whole_number(str(endpointing_text))
        if endpointing is None:
            raise OptionProblem(
                f"'/endpointing' must be milliseconds or false, got {endpointing_text!r}"
            )
    not_applied = tuple(
        name for name, value in values.items() if name not in _HONOURED_V1 and turned_on(value)
    ) + _rest_only(items)
    multichannel = values.get("multichannel") is True
    if multichannel and encoding not in RAW_ENCODINGS:
        # The channels of a container stream are mixed by its decoder: say so.
        not_applied += ("multichannel",)
        multichannel = False
    sample_rate = values.get("sample_rate")
    utterance_end = values.get("utterance_end_ms")
    language = values.get("language")
    return V1Options(
        encoding=encoding,
        sample_rate=sample_rate if isinstance(sample_rate, int) else None,
        channels=channels,
        language=language if isinstance(language, str) else _DEFAULT_LANGUAGE,
        interim_results=values.get("interim_results") is True,
        endpointing_ms=endpointing,
        utterance_end_ms=utterance_end if isinstance(utterance_end, int) else None,
        vad_events=values.get("vad_events") is True,
        punctuate=values.get("punctuate") is True,
        smart_format=values.get("smart_format") is True,
        keyterms=tuple(str(t).strip() for t in values.get("keyterm", ())),  # type: ignore[attr-defined]
        multichannel=multichannel,
        not_applied=not_applied,
    )


@attrs.frozen
class Thresholds:
    """Flux turn-detection settings; ``Configure`` replaces them mid-stream."""

    eot_threshold: float = float(_service_default(_V2, "eot_threshold"))
    eot_timeout_ms: int = int(_service_default(_V2, "eot_timeout_ms"))
    eager_eot_threshold: float | None = None


def threshold_value(name: str, value: object) -> float | int:
    """Check one Flux threshold of a ``Configure`` (number or numeric text) as the
    ``streamFlux`` option of the same name is checked."""
    flux = OPERATIONS["streamFlux"]
    param = flux.get(name)
    if param is None:
        raise OptionProblem(f"'/{name}' is not a flux threshold")
    try:
        checked = param.check(value)
    except ContractProblem as problem:
        raise OptionProblem(cloudflare_words(flux, problem)) from None
    assert isinstance(checked, int | float)
    return checked


@attrs.frozen
class V2Options:
    """Settings of one flux (Deepgram v2 listen) session."""

    sample_rate: int
    thresholds: Thresholds = Thresholds()
    keyterms: tuple[str, ...] = ()


def parse_v2(items: QueryItems) -> V2Options:
    """Validate flux options against the contract; raises :class:`OptionProblem`."""
    flux = OPERATIONS["streamFlux"]
    v1_only = sorted(
        {k for k, _ in items} & set(OPERATIONS["streamNova3"].names()) - set(flux.names())
    )
    if v1_only:
        raise OptionProblem(
            f"flux does not take the Deepgram v1 parameter(s) {', '.join(v1_only)}; "
            "use eot_threshold, eager_eot_threshold and eot_timeout_ms for turn detection"
        )
    values = parse_query("streamFlux", items)
    defaults = Thresholds()
    eager = values.get("eager_eot_threshold")
    thresholds = Thresholds(
        eot_threshold=float(values.get("eot_threshold", defaults.eot_threshold)),  # type: ignore[arg-type]
        eot_timeout_ms=int(values.get("eot_timeout_ms", defaults.eot_timeout_ms)),  # type: ignore[call-overload]
        eager_eot_threshold=float(eager) if isinstance(eager, int | float) else None,
    )
    keyterms = tuple(str(t).strip() for t in values.get("keyterm", ()))  # type: ignore[attr-defined]
    return V2Options(
        sample_rate=int(values["sample_rate"]),  # type: ignore[call-overload]
        thresholds=thresholds,
        keyterms=keyterms,
    )
