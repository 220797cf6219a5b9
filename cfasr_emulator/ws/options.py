"""Query-string options of the streaming endpoints, validated before the upgrade is accepted.

Refusing bad options at the handshake (HTTP 400 with Cloudflare's envelope) matches what a
client sees from the real service, and means a session never starts with settings it cannot
honour. Each complaint is worded so the caller knows which parameter to fix and how.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
from cfasr_client.models import Nova3Encoding, Nova3Language, Nova3Redact

from ..engine import ModelName, choose_model

QueryItems = Sequence[tuple[str, str]]


class OptionProblem(ValueError):
    """A query parameter the endpoint refuses; the message names it and what is allowed."""


NOVA3_ENCODINGS = tuple(e.value for e in Nova3Encoding)
RAW_ENCODINGS = ("linear16", "mulaw")
"""Headerless encodings the engine decodes; they need ``sample_rate``."""
PROBED_ENCODINGS = ("flac", "opus", "ogg-opus", "amr-nb", "amr-wb")
"""Encodings that travel in a self-describing stream, decoded like a container."""

NOVA3_LANGUAGES = tuple(e.value for e in Nova3Language)
NOVA3_REDACT = tuple(e.value for e in Nova3Redact)

_UNHONOURED_V1 = (
    "diarize",
    "dictation",
    "detect_entities",
    "filler_words",
    "numerals",
    "profanity_filter",
    "measurements",
    "multichannel",
    "mip_opt_out",
    "redact",
    "replace",
    "search",
    "extra",
    "tag",
)
"""Accepted as Cloudflare accepts them, but the local engine cannot apply them."""

_V1_ONLY = (
    "interim_results",
    "channels",
    "endpointing",
    "utterance_end_ms",
    "vad_events",
    "punctuate",
    "smart_format",
    "language",
    "multichannel",
    "diarize",
)
"""Deepgram v1 parameters that Flux refuses (reported by third parties)."""

DEFAULT_ENDPOINTING_MS = 10
"""Deepgram's default; the VAD cannot resolve it (see ``recognizer_v1.ENDPOINTING_FLOOR_MS``)."""


def _last(items: QueryItems, name: str) -> str | None:
    values = [v for k, v in items if k == name]
    return values[-1] if values else None


def _boolean(items: QueryItems, name: str) -> bool:
    value = _last(items, name)
    if value is None:
        return False
    lowered = value.lower()
    if lowered not in ("true", "false"):
        raise OptionProblem(f"Type mismatch of '/{name}': use true or false, got {value!r}")
    return lowered == "true"


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
"""ASCII digits only and few enough that ``int()`` cannot refuse them.

``str.isdigit`` also accepts "²" and other Unicode digits, and ``int()`` refuses strings of
more than 4300 digits; either would otherwise escape as a 500 instead of a 5006.
"""


def whole_number(text: str) -> int | None:
    """``text`` as a non-negative integer, or ``None`` if it is not one we take."""
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def _integer(items: QueryItems, name: str, low: int, high: int) -> int | None:
    value = _last(items, name)
    if value is None:
        return None
    number = whole_number(value)
    if number is None:
        raise OptionProblem(f"Type mismatch of '/{name}': use a whole number, got {value!r}")
    if not low <= number <= high:
        raise OptionProblem(f"'/{name}' must be between {low} and {high}, got {number}")
    return number


def _choice(items: QueryItems, name: str, allowed: Sequence[str]) -> str | None:
    value = _last(items, name)
    if value is not None and value not in allowed:
        raise OptionProblem(f"'/{name}' must be one of {', '.join(allowed)}; got {value!r}")
    return value


def _keyterms(items: QueryItems) -> tuple[str, ...]:
    terms = tuple(v.strip() for k, v in items if k == "keyterm")
    if any(not t for t in terms):
        raise OptionProblem("'/keyterm' must not be empty")
    return terms


@attrs.frozen
class V1Options:
    """Settings of one nova-3 (Deepgram v1 listen) session."""

    encoding: str | None = None
    sample_rate: int | None = None
    channels: int = 1
    language: str = "en-US"
    interim_results: bool = False
    endpointing_ms: int | None = DEFAULT_ENDPOINTING_MS
    """``None`` when the client sent ``endpointing=false``."""
    utterance_end_ms: int | None = None
    vad_events: bool = False
    punctuate: bool = False
    smart_format: bool = False
    keyterms: tuple[str, ...] = ()
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


def parse_v1(items: QueryItems) -> V1Options:
    """Validate nova-3 streaming options; raises :class:`OptionProblem`."""
    encoding = _choice(items, "encoding", NOVA3_ENCODINGS)
    if encoding is not None and encoding not in RAW_ENCODINGS + PROBED_ENCODINGS:
        supported = ", ".join(RAW_ENCODINGS + PROBED_ENCODINGS)
        raise OptionProblem(
            f"'/encoding' {encoding!r} is valid for Cloudflare but the local emulator cannot "
            f"decode it; use one of {supported}, or omit it for containerised audio"
        )
    sample_rate = _integer(items, "sample_rate", 1000, 192000)
    if encoding in RAW_ENCODINGS and sample_rate is None:
        raise OptionProblem(f"'/sample_rate' is required with encoding={encoding}")
    channels = _integer(items, "channels", 1, 16) or 1
    if channels > 8:
        raise OptionProblem(f"'/channels' {channels}: the local emulator mixes at most 8")
    endpointing_text = _last(items, "endpointing")
    if endpointing_text == "false":
        endpointing: int | None = None
    elif endpointing_text is None or endpointing_text == "true":
        endpointing = DEFAULT_ENDPOINTING_MS
    else:
        endpointing = whole_number(endpointing_text)
        if endpointing is None:
            raise OptionProblem(
                f"'/endpointing' must be milliseconds or false, got {endpointing_text!r}"
            )
    _choice(items, "redact", NOVA3_REDACT)
    for name in ("extra", "replace"):
        value = _last(items, name)
        if value is not None and ":" not in value[1:]:
            raise OptionProblem(f"'/{name}' must look like key:value, got {value!r}")
    not_applied = tuple(
        name for name in _UNHONOURED_V1 if (_last(items, name) or "false").lower() != "false"
    )
    for name in ("diarize", "dictation", "detect_entities", "filler_words", "numerals"):
        _boolean(items, name)
    return V1Options(
        encoding=encoding,
        sample_rate=sample_rate,
        channels=channels,
        language=_choice(items, "language", NOVA3_LANGUAGES) or "en-US",
        interim_results=_boolean(items, "interim_results"),
        endpointing_ms=endpointing,
        utterance_end_ms=_integer(items, "utterance_end_ms", 1000, 5000),
        vad_events=_boolean(items, "vad_events"),
        punctuate=_boolean(items, "punctuate"),
        smart_format=_boolean(items, "smart_format"),
        keyterms=_keyterms(items),
        not_applied=not_applied,
    )


_EAGER = (0.3, 0.9)
_EOT = (0.5, 0.9)
_TIMEOUT = (500, 60000)


@attrs.frozen
class Thresholds:
    """Flux turn-detection settings; ``Configure`` replaces them mid-stream."""

    eot_threshold: float = 0.7
    eot_timeout_ms: int = 5000
    eager_eot_threshold: float | None = None


def threshold_value(name: str, value: object) -> float | int:
    """Check one Flux threshold (number or numeric string) against Cloudflare's range."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise OptionProblem(f"'/{name}' must be a number, got {value!r}")
    text = str(value).strip()
    low: float
    high: float
    if name == "eot_timeout_ms":
        whole = whole_number(text)
        if whole is None:
            raise OptionProblem(f"'/{name}' must be whole milliseconds, got {value!r}")
        number: float | int = whole
        low, high = _TIMEOUT
    else:
        try:
            number = float(text)
        except ValueError:
            raise OptionProblem(f"'/{name}' must be a decimal number, got {value!r}") from None
        low, high = _EAGER if name == "eager_eot_threshold" else _EOT
    if not low <= number <= high:
        raise OptionProblem(f"'/{name}' must be between {low} and {high}, got {text}")
    return number


@attrs.frozen
class V2Options:
    """Settings of one flux (Deepgram v2 listen) session."""

    sample_rate: int
    thresholds: Thresholds = Thresholds()
    keyterms: tuple[str, ...] = ()


def parse_v2(items: QueryItems) -> V2Options:
    """Validate flux options (all strings on the wire); raises :class:`OptionProblem`."""
    encoding = _last(items, "encoding")
    if encoding is None:
        raise OptionProblem("required properties at '/' are 'encoding,sample_rate'")
    if encoding != "linear16":
        raise OptionProblem(f"'/encoding' must be linear16 on Workers AI, got {encoding!r}")
    rate_text = _last(items, "sample_rate")
    if rate_text is None:
        raise OptionProblem("required properties at '/' are 'encoding,sample_rate'")
    sample_rate = whole_number(rate_text)
    if sample_rate is None:
        raise OptionProblem(f"'/sample_rate' must be digits only, got {rate_text!r}")
    if not 1000 <= sample_rate <= 192000:
        raise OptionProblem(f"'/sample_rate' must be between 1000 and 192000, got {sample_rate}")
    refused = sorted({k for k, _ in items} & set(_V1_ONLY))
    if refused:
        raise OptionProblem(
            f"flux does not take the Deepgram v1 parameter(s) {', '.join(refused)}; "
            "use eot_threshold, eager_eot_threshold and eot_timeout_ms for turn detection"
        )
    _choice(items, "mip_opt_out", ("true", "false"))
    values: dict[str, float | int] = {}
    for name in ("eot_threshold", "eot_timeout_ms", "eager_eot_threshold"):
        text = _last(items, name)
        if text is not None:
            values[name] = threshold_value(name, text)
    defaults = Thresholds()
    thresholds = Thresholds(
        eot_threshold=float(values.get("eot_threshold", defaults.eot_threshold)),
        eot_timeout_ms=int(values.get("eot_timeout_ms", defaults.eot_timeout_ms)),
        eager_eot_threshold=(
            float(values["eager_eot_threshold"]) if "eager_eot_threshold" in values else None
        ),
    )
    return V2Options(sample_rate=sample_rate, thresholds=thresholds, keyterms=_keyterms(items))
