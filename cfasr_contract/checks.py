"""How a parameter of openapi.yaml checks, parses and encodes: the contract's runtime.

Hand-written, and the bottom of the stack: the generated contract (``cfasr_client.contract``)
imports it, nothing of ours is imported here. The facts themselves (names, types, ranges,
patterns, enums, defaults, repeatability, "required with" rules) live only in openapi.yaml
and reach this code as the generated ``catalog.OPERATIONS``.

Every layer uses the same checks: the SDK on Python values before sending
(:meth:`Operation.check`), the emulator and the command line on text from a query string or a
flag (:meth:`Operation.parse`). Each failure is an :class:`OptionProblem` that says which
parameter is wrong, what kind of wrong, and what is allowed, so each layer can word it its way.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, get_args
from urllib.parse import quote

import attrs

__all__ = [
    "BODY_KINDS",
    "BodyKind",
    "EmulatorLimit",
    "Kind",
    "Location",
    "Operation",
    "OptionProblem",
    "Param",
    "Reason",
]

Kind = Literal["boolean", "integer", "number", "string", "array"]
Location = Literal["query", "body", "header"]
BodyKind = Literal[
    "raw-audio", "byte-array-json", "base64-json", "config-json", "listen-v1", "listen-v2"
]
"""How an operation carries its input. ``raw-audio``: the recording is the body, with its
audio MIME type, options in the query (nova-3). ``byte-array-json``: the recording as the raw
body or as JSON ``{"audio": [0-255, ...]}`` (whisper). ``base64-json``: JSON with the
recording base64-encoded beside the options (whisper-large-v3-turbo). ``config-json``: a JSON
body of options and no audio (flux's POST). ``listen-v1`` / ``listen-v2``: a WebSocket speaking
Deepgram's v1 or v2 ``listen`` protocol."""
BODY_KINDS: tuple[BodyKind, ...] = get_args(BodyKind)
Reason = Literal[
    "unknown", "type", "range", "enum", "pattern", "length", "required", "refused", "emulator_limit"
]

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER_TEXT = re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")
_KIND_WORDS = {
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list of text",
}


class OptionProblem(ValueError):
    """One parameter that the contract refuses; ``reason`` says which rule it broke."""

    def __init__(self, param: str, reason: Reason, message: str, value: object = None) -> None:
        super().__init__(message)
        self.param = param
        self.reason: Reason = reason
        self.message = message
        self.value = value


def _number_words(value: float) -> str:
    return f"{value:g}"


@attrs.frozen
class Param:
    """One option of one operation, exactly as openapi.yaml describes it."""

    name: str
    location: Location
    kind: Kind
    description: str = ""
    item_kind: Kind | None = None
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    """The most values a repeatable parameter takes."""
    repeatable: bool = False
    has_default: bool = False
    default: object = None
    required: bool = False
    required_when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``((other, values), ...)``: required when ``other`` is one of ``values``."""
    needs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``((other, values), ...)``: when this parameter is given, ``other`` must be one of
    ``values`` (as wire text)."""
    refused: str | None = None
    """Why the service refuses this parameter outright (it is described, and never accepted)."""
    service_answer: str | None = None
    """The service's own words when it refuses this parameter (the emulator answers them)."""
    deprecated: bool = False
    service_default: object = None
    """What the service does when the option is absent (never sent by the SDK; the
    emulator behaves so)."""
    example: str | None = None
    """The spec's example value, shown in messages so a refusal says what would pass."""
    internal: bool = False
    """Set by the SDK's own machinery (e.g. ``queueRequest`` by batch jobs), never a
    per-call option: :meth:`Operation.check` refuses it, :meth:`Operation.parse` reads it."""
    client_default: bool = False
    """``default`` is what cfasr's SDK sends when the caller gives nothing, not a default of
    the service (which requires the option): the emulator does not assume it."""
    emulator_limits: tuple[tuple[str, object], ...] = ()
    """``((field, value), ...)``: bounds, enums or patterns that only the cfasr emulator
    enforces (openapi.yaml marks them ``x-cfasr-source: emulator-limit``). Workers AI states
    none of them, so :meth:`check` and :meth:`parse` ignore them; the emulator applies them
    with :meth:`check_emulator_limits`."""

    # ---- facts as words -----------------------------------------------------------------

    @property
    def scalar_kind(self) -> Kind:
        """The kind of one value (the items' kind for a repeatable parameter)."""
        if self.kind == "array":
            return self.item_kind or "string"
        return self.kind

    def allowed(self) -> str:
        """What this parameter accepts, in words (for help texts and error messages)."""
        if self.enum:
            return "one of " + ", ".join(repr(v) for v in self.enum)
        words = _KIND_WORDS[self.scalar_kind]
        low = self.minimum if self.minimum is not None else self.exclusive_minimum
        high = self.maximum if self.maximum is not None else self.exclusive_maximum
        if low is not None and high is not None:
            words += f" from {_number_words(low)} to {_number_words(high)}"
        elif low is not None:
            words += f" of at least {_number_words(low)}"
        elif high is not None:
            words += f" of at most {_number_words(high)}"
        if self.max_length is not None:
            words += f" of at most {self.max_length} characters"
        if self.pattern is not None:
            words += f" matching {self.pattern}"
        return words

    def check_emulator_limits(self, value: object) -> None:
        """Raise :class:`OptionProblem` when a checked ``value`` is beyond the emulator's own
        limits (never called by the SDK: the service may well accept it)."""
        if not self.emulator_limits:
            return
        limits: dict[str, Any] = dict(self.emulator_limits)
        limited = attrs.evolve(self, emulator_limits=(), **limits)
        try:
            limited.check(value)
        except OptionProblem as problem:
            message = (
                f"{problem.message.rstrip('.')} (a limit of the cfasr emulator; Workers AI "
                "states none)."
            )
            raise OptionProblem(self.name, "emulator_limit", message, value) from None

    # ---- Python values (the SDK) --------------------------------------------------------

    def check(self, value: object) -> object:
        """A caller's Python value → the checked value (enum members become their text,
        repeated values a tuple); raises :class:`OptionProblem`."""
        if self.refused is not None:
            raise OptionProblem(self.name, "refused", self.refused, value)
        if self.kind == "array":
            single = isinstance(value, str) or not isinstance(value, Sequence)
            items: Iterable[object] = (value,) if single else value  # type: ignore[assignment]
            checked = tuple(self._check_scalar(item) for item in items)
            if not checked:
                raise self._problem("length", value, "needs at least one value")
            self._check_count(checked)
            return checked
        return self._check_scalar(value)

    def _check_scalar(self, value: object) -> object:
        kind = self.scalar_kind
        if isinstance(value, enum.Enum):
            value = value.value
        if kind == "boolean":
            if not isinstance(value, bool):
                raise self._problem("type", value, f"must be True or False, not {value!r}")
            return value
        if kind in ("integer", "number"):
            if isinstance(value, str):
                return self._parse_scalar(value.strip())  # "0.7" is as good as 0.7
            return self._check_number(value, integer=kind == "integer")
        if isinstance(value, bool) and self.pattern is not None:
            value = "true" if value else "false"  # text options that also take true/false
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = _number_text(value)  # text options whose values are numbers on the wire
        if not isinstance(value, str):
            raise self._problem("type", value, f"must be text, not {value!r}")
        return self._check_text(value)

    def _check_number(self, value: object, *, integer: bool) -> int | float:
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            word = "an integer" if integer else "a number"
            raise self._problem("type", value, f"must be {word}, not {value!r}")
        assert isinstance(value, int | float)
        try:
            finite = math.isfinite(value)
        except OverflowError:
            finite = False
        if not finite:
            raise self._problem("range", value, "must be a finite number")
        self._check_range(value)
        return value

    def _check_range(self, number: float) -> None:
        low, high = self.minimum, self.maximum
        if (
            (low is not None and number < low)
            or (high is not None and number > high)
            or (self.exclusive_minimum is not None and number <= self.exclusive_minimum)
            or (self.exclusive_maximum is not None and number >= self.exclusive_maximum)
        ):
            raise self._problem("range", number, f"is out of range; use {self.allowed()}")

    def _check_text(self, text: str) -> str:
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise self._problem(
                    "type",
                    text,
                    "is not valid Unicode text (it holds lone surrogates); decode it as UTF-8",
                ) from None
        if self.enum and text not in self.enum:
            raise self._problem("enum", text, f"must be {self.allowed()}")
        if self.min_length is not None and len(text) < self.min_length:
            words = "must not be empty" if self.min_length == 1 else "is too short"
            raise self._problem("length", text, words)
        if self.max_length is not None and len(text) > self.max_length:
            raise self._problem("length", text, f"is longer than {self.max_length} characters")
        if self.pattern is not None and re.search(self.pattern, text) is None:
            raise self._problem("pattern", text, f"must match {self.pattern}")
        return text

    def _problem(self, reason: Reason, value: object, what: str) -> OptionProblem:
        shown = value if isinstance(value, str | int | float | bool) else type(value).__name__
        if self.example is not None and reason in ("pattern", "enum", "length", "type"):
            what += f", e.g. {self.example!r}"
        return OptionProblem(self.name, reason, f"{self.name}={shown!r} {what}.", value)

    # ---- text from the wire or a command line (the emulator, the CLI) --------------------

    def parse(self, texts: Sequence[str]) -> object:
        """The value(s) one parameter received as text → the checked Python value.

        A repeatable parameter keeps every value; any other takes the last, as web servers do.
        Raises :class:`OptionProblem` exactly where :meth:`check` would."""
        if self.refused is not None:
            raise OptionProblem(self.name, "refused", self.refused, texts[-1] if texts else None)
        if self.kind == "array":
            parsed = tuple(self._parse_scalar(text) for text in texts)
            self._check_count(parsed)
            return parsed
        return self._parse_scalar(texts[-1])

    def _check_count(self, values: tuple[object, ...]) -> None:
        if self.max_items is not None and len(values) > self.max_items:
            raise OptionProblem(
                self.name,
                "length",
                f"{self.name} has {len(values)} values; at most {self.max_items} are taken.",
                values,
            )

    def _parse_scalar(self, text: str) -> object:
        kind = self.scalar_kind
        if kind == "boolean":
            if text not in ("true", "false"):
                raise self._problem("type", text, "must be true or false")
            return text == "true"
        if kind == "integer":
            if not _INTEGER_TEXT.fullmatch(text):
                raise self._problem("type", text, "must be a whole number")
            return self._check_number(int(text), integer=True)
        if kind == "number":
            if not _NUMBER_TEXT.fullmatch(text):
                raise self._problem("type", text, "must be a number")
            return self._check_number(float(text), integer=False)
        return self._check_text(text)

    # ---- checked values → the wire ------------------------------------------------------

    def encode(self, value: object) -> tuple[str, ...]:
        """A checked value as query-string text (booleans as true/false, lists repeated)."""
        values = value if isinstance(value, tuple) else (value,)
        return tuple(_wire_text(item) for item in values)


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _wire_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value)
    return str(value)


@attrs.frozen
class Operation:
    """One of the eight operations: where it lives and every option it takes."""

    operation_id: str
    method: str
    model: str
    path: str
    transport: Literal["rest", "websocket"]
    summary: str
    params: tuple[Param, ...]
    description: str = ""
    takes_audio: bool = True
    """False for an operation whose body carries no audio (flux's configuration-only POST)."""
    usd_per_audio_minute: float | None = None
    neurons_per_audio_minute: float | None = None
    """Cloudflare's published price, in dollars or in neurons per minute of audio."""
    body_kind: BodyKind | None = None
    """How the request carries its input (``x-cfasr-body-kind``): the SDK's builders and the
    emulator's handlers are chosen by it, so a model with a known kind needs no code."""
    result: str | None = None
    """The generated model class of a REST operation's result (``x-cfasr-result``)."""

    def get(self, name: str) -> Param | None:
        for param in self.params:
            if param.name == name:
                return param
        return None

    def names(self, location: Location | None = None) -> tuple[str, ...]:
        return tuple(p.name for p in self.params if location is None or p.location == location)

    def url_path(self, account_id: str) -> str:
        """The operation's path under the API base, with the account id filled in."""
        return self.path.replace("{account_id}", quote(account_id, safe=""))

    def _param(self, name: str, *, internal: bool = False) -> Param:
        param = self.get(name)
        if param is None or (param.internal and not internal):
            known = ", ".join(sorted(p.name for p in self.params if not p.internal))
            raise OptionProblem(
                name, "unknown", f"{self.model}: unknown option {name!r}. Valid options: {known}."
            )
        return param

    def check(self, options: Mapping[str, object], *, defaults: bool = False) -> dict[str, object]:
        """Python option values (None = not given) → checked values, in the spec's order.

        With ``defaults``, the spec's default of every option not given is filled in first,
        so the request states it (and a required option with a default is satisfied)."""
        given = {name: value for name, value in options.items() if value is not None}
        if defaults:
            given = {
                **{
                    p.name: p.default
                    for p in self.params
                    if p.has_default and p.default is not None
                },
                **given,
            }
        params = [self._param(name) for name in given]
        checked = {param.name: param.check(given[param.name]) for param in params}
        self.check_rules(checked)
        return {p.name: checked[p.name] for p in self.params if p.name in checked}

    def check_body(self, fields: Mapping[str, object]) -> dict[str, object]:
        """A JSON body's fields → its body options, checked (``null`` = not given); fields
        that are not body options are skipped, the audio among them."""
        checked = {
            param.name: param.check(fields[param.name])
            for param in self.params
            if param.location == "body" and fields.get(param.name) is not None
        }
        self.check_rules(checked, location="body")
        return checked

    def check_emulator_limits(self, checked: Mapping[str, object]) -> None:
        """The emulator's own limits on checked values (see :attr:`Param.emulator_limits`)."""
        for param in self.params:
            if param.name in checked:
                param.check_emulator_limits(checked[param.name])

    def parse(self, items: Iterable[tuple[str, str]]) -> dict[str, object]:
        """Text values (a query string's pairs) → checked values; unknown names are skipped,
        as the service ignores them."""
        grouped: dict[str, list[str]] = {}
        for name, text in items:
            if self.get(name) is not None:
                grouped.setdefault(name, []).append(text)
        checked = {
            name: self._param(name, internal=True).parse(texts) for name, texts in grouped.items()
        }
        self.check_rules(checked, location="query")
        return checked

    def check_rules(self, checked: Mapping[str, object], location: Location | None = None) -> None:
        """The rules between parameters: ``required``, ``required_when`` and ``needs``
        (only among the parameters of ``location``, when given)."""
        for param in self.params:
            if location is not None and param.location != location:
                continue
            if param.name in checked:
                for other, values in param.needs:
                    given = checked.get(other)
                    if given is None or not set(self._param(other).encode(given)) <= set(values):
                        wanted = " or ".join(values)
                        raise OptionProblem(
                            param.name, "required", f"{param.name} needs {other}={wanted}."
                        )
                continue
            if param.required:
                raise OptionProblem(
                    param.name, "required", f"{param.name} is required ({param.allowed()})."
                )
            for other, values in param.required_when:
                value = checked.get(other)
                if isinstance(value, str) and value in values:
                    raise OptionProblem(
                        param.name,
                        "required",
                        f"{param.name} is required with {other}={value!r} "
                        f"({param.description or param.allowed()})",
                    )

    def query(self, checked: Mapping[str, object]) -> list[tuple[str, str]]:
        """Checked query options → query-string pairs, repeated parameters repeated."""
        pairs: list[tuple[str, str]] = []
        for param in self.params:
            if param.location == "query" and param.name in checked:
                pairs.extend((param.name, text) for text in param.encode(checked[param.name]))
        return pairs

    def body(self, checked: Mapping[str, object]) -> dict[str, object]:
        """Checked body options → JSON fields (repeated values as lists)."""
        return {
            p.name: list(v) if isinstance(v := checked[p.name], tuple) else v
            for p in self.params
            if p.location == "body" and p.name in checked
        }


@attrs.frozen
class EmulatorLimit:
    """One limit of the cfasr emulator itself (openapi.yaml's ``x-cfasr-emulator-limits``):
    Workers AI states none such, so the SDK never enforces it. ``value`` is the emulator's
    default (a number for its settings); ``answer`` is what a client gets beyond it."""

    name: str
    value: object
    unit: str
    answer: str
    description: str
    flag: str | None = None
    close_reason: str | None = None
    """The WebSocket close reason the emulator sends beyond the limit, if it closes one."""
