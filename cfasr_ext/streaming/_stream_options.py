"""Typed, validated options of the streaming models, turned into query-string pairs.

Every value is checked when the options object is built, so a typo or an out-of-range number
fails before any connection is opened, with an `OptionError` that names the option.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

import attrs
from cfasr_client.models import FluxEncoding, Nova3Encoding, Nova3Language, Nova3Redact

from cfasr_ext._errors import OptionError

__all__ = [
    "FLUX_ENCODINGS",
    "NOVA3_ENCODINGS",
    "NOVA3_LANGUAGES",
    "FluxStreamOptions",
    "Nova3StreamOptions",
    "bytes_per_sample",
]

NOVA3_ENCODINGS = tuple(e.value for e in Nova3Encoding)
NOVA3_LANGUAGES = tuple(e.value for e in Nova3Language)
NOVA3_REDACT = tuple(e.value for e in Nova3Redact)
FLUX_ENCODINGS = tuple(e.value for e in FluxEncoding)

# Raw encodings whose byte count maps to audio time; the others are compressed.
_SAMPLE_WIDTH = {"linear16": 2, "linear32": 4, "mulaw": 1, "alaw": 1}

_T = TypeVar("_T")
_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def bytes_per_sample(encoding: str | None) -> int | None:
    """Bytes per sample of a raw PCM encoding; None for compressed or containerised audio."""
    return _SAMPLE_WIDTH.get(encoding) if encoding else None


def _fail(name: str, expected: str, value: object) -> OptionError:
    return OptionError(f"option {name}={value!r} is invalid: expected {expected}.")


def _optional(check: Callable[[str, Any], None]) -> _Validator:
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(attribute.name, value)

    return validate


def _choice(values: Sequence[str]) -> _Validator:
    def check(name: str, value: object) -> None:
        if not isinstance(value, str) or value not in values:
            raise _fail(name, "one of " + ", ".join(values), value)

    return _optional(check)


def _boolean() -> _Validator:
    def check(name: str, value: object) -> None:
        if not isinstance(value, bool):
            raise _fail(name, "True or False", value)

    return _optional(check)


def _integer(low: int, high: int) -> _Validator:
    def check(name: str, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _fail(name, f"an integer from {low} to {high}", value)

    return _optional(check)


def _number(low: float, high: float) -> _Validator:
    def check(name: str, value: object) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise _fail(name, f"a number from {low} to {high}", value)

    return _optional(check)


def _text(pattern: str | None = None, hint: str = "a non-empty string") -> _Validator:
    compiled = re.compile(pattern) if pattern else None

    def check(name: str, value: object) -> None:
        if not isinstance(value, str) or not value or (compiled and not compiled.fullmatch(value)):
            raise _fail(name, hint, value)
        if not _encodable(value):
            raise _fail(name, "valid Unicode text (decode bytes as UTF-8 first)", value)

    return _optional(check)


def _encodable(value: str) -> bool:
    """False for text with lone surrogates, which cannot be sent as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _terms(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """`keyterm` may be one string or several; the query repeats the parameter for each."""
    if value is None:
        return ()
    items = (value,) if isinstance(value, str) else tuple(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise _fail("keyterm", "a non-empty string or a list of them", item)
        if not _encodable(item):
            raise _fail("keyterm", "valid Unicode text (decode bytes as UTF-8 first)", item)
    return items


def _parsed(value: object, kind: Callable[[str], object]) -> object:
    """Flux takes every option as a string on the wire; accept "0.7" as well as 0.7."""
    if isinstance(value, str):
        try:
            return kind(value.strip())
        except ValueError:
            return value  # the validator reports it
    return value


def _to_int(value: object) -> object:
    return _parsed(value, int)


def _to_float(value: object) -> object:
    return _parsed(value, float)


def _bool_text(value: object) -> object:
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _render(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _query(instance: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(instance))):
        value = getattr(instance, field.name)
        if value is None:
            continue
        if isinstance(value, tuple):
            pairs.extend((field.name, item) for item in value)
        else:
            pairs.append((field.name, _render(value)))
    return pairs


def _build(cls: type[_T], options: Mapping[str, object]) -> _T:
    known = {field.name for field in attrs.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(options) - known)
    if unknown:
        raise OptionError(
            f"unknown option(s) for {cls.__name__}: {', '.join(unknown)}; "
            f"valid options are {', '.join(sorted(known))}."
        )
    return cls(**options)


@attrs.frozen(kw_only=True)
class Nova3StreamOptions:
    """Query options of the nova-3 (and nova-3-internal) WebSocket, Deepgram v1 `listen`.

    `encoding` + `sample_rate` describe raw audio; leave both unset to send a container
    (wav, ogg...). Booleans become "true"/"false"; `keyterm` may be a list (repeated).
    """

    encoding: str | None = attrs.field(default=None, validator=_choice(NOVA3_ENCODINGS))
    sample_rate: int | None = attrs.field(default=None, validator=_integer(1000, 192000))
    channels: int | None = attrs.field(default=None, validator=_integer(1, 16))
    language: str | None = attrs.field(default=None, validator=_choice(NOVA3_LANGUAGES))
    interim_results: bool | None = attrs.field(default=None, validator=_boolean())
    endpointing: int | bool | None = attrs.field(default=None)
    utterance_end_ms: int | None = attrs.field(default=None, validator=_integer(1000, 5000))
    vad_events: bool | None = attrs.field(default=None, validator=_boolean())
    punctuate: bool | None = attrs.field(default=None, validator=_boolean())
    smart_format: bool | None = attrs.field(default=None, validator=_boolean())
    keyterm: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    diarize: bool | None = attrs.field(default=None, validator=_boolean())
    dictation: bool | None = attrs.field(default=None, validator=_boolean())
    detect_entities: bool | None = attrs.field(default=None, validator=_boolean())
    filler_words: bool | None = attrs.field(default=None, validator=_boolean())
    numerals: bool | None = attrs.field(default=None, validator=_boolean())
    profanity_filter: bool | None = attrs.field(default=None, validator=_boolean())
    redact: str | None = attrs.field(default=None, validator=_choice(NOVA3_REDACT))
    replace: str | None = attrs.field(default=None, validator=_text(r"[^:]+:.*", "'find:replace'"))
    search: str | None = attrs.field(default=None, validator=_text())
    extra: str | None = attrs.field(default=None, validator=_text(r"[^:]+:.*", "'key:value'"))
    mip_opt_out: bool | None = attrs.field(default=None, validator=_boolean())
    multichannel: bool | None = attrs.field(default=None, validator=_boolean())
    measurements: bool | None = attrs.field(default=None, validator=_boolean())
    tag: str | None = attrs.field(default=None, validator=_text())

    @endpointing.validator
    def _check_endpointing(self, _attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None or isinstance(value, bool):
            return
        if not isinstance(value, int) or value < 0:
            raise _fail("endpointing", "milliseconds of silence (int >= 0) or False", value)

    def __attrs_post_init__(self) -> None:
        if self.encoding is not None and self.sample_rate is None:
            raise OptionError(
                f"encoding={self.encoding!r} describes raw audio, which also needs sample_rate "
                "(e.g. sample_rate=16000); omit encoding to send a container such as wav."
            )
        if self.utterance_end_ms is not None and not self.interim_results:
            raise OptionError("utterance_end_ms needs interim_results=True (Deepgram rule).")

    @classmethod
    def from_kwargs(cls, **options: Any) -> Nova3StreamOptions:
        """Build from keyword arguments; an unknown name raises `OptionError` listing valid ones."""
        return _build(cls, options)

    def query(self) -> list[tuple[str, str]]:
        """The options as query pairs, in declaration order, only those that are set."""
        return _query(self)

    @property
    def bytes_per_second(self) -> int | None:
        """Audio bytes per second of raw audio; None when it cannot be known (compressed)."""
        width = bytes_per_sample(self.encoding)
        if width is None or self.sample_rate is None:
            return None
        return width * self.sample_rate * (self.channels or 1)

    @property
    def frame_bytes(self) -> int:
        """Bytes of one sample across all channels: audio is only ever cut at this boundary."""
        return (bytes_per_sample(self.encoding) or 1) * (self.channels or 1)


@attrs.frozen(kw_only=True)
class FluxStreamOptions:
    """Query options of the flux WebSocket (Deepgram v2 `listen`); all strings on the wire.

    Numbers may be given as numbers or as strings ("0.7"); ranges are Cloudflare's.
    """

    encoding: str = attrs.field(default="linear16", validator=_choice(FLUX_ENCODINGS))
    sample_rate: int = attrs.field(
        default=16000, converter=_to_int, validator=_integer(1000, 192000)
    )
    eager_eot_threshold: float | None = attrs.field(
        default=None, converter=_to_float, validator=_number(0.3, 0.9)
    )
    eot_threshold: float | None = attrs.field(
        default=None, converter=_to_float, validator=_number(0.5, 0.9)
    )
    eot_timeout_ms: int | None = attrs.field(
        default=None, converter=_to_int, validator=_integer(500, 60000)
    )
    keyterm: tuple[str, ...] = attrs.field(default=(), converter=_terms)
    mip_opt_out: bool | None = attrs.field(default=None, converter=_bool_text, validator=_boolean())
    tag: str | None = attrs.field(default=None, validator=_text())

    @classmethod
    def from_kwargs(cls, **options: Any) -> FluxStreamOptions:
        """Build from keyword arguments; an unknown name raises `OptionError` listing valid ones."""
        return _build(cls, options)

    def query(self) -> list[tuple[str, str]]:
        """The options as query pairs, in declaration order, only those that are set."""
        return _query(self)

    @property
    def bytes_per_second(self) -> int:
        """Flux audio is mono linear16."""
        return 2 * self.sample_rate

    @property
    def frame_bytes(self) -> int:
        return 2
