"""How one parameter of openapi.yaml checks, parses and encodes (:class:`Param`).

Every layer uses the same checks: the SDK on Python values before sending
(:meth:`Param.check`), the emulator and the command line on text from a query string or a
flag (:meth:`Param.parse`). Each failure is an :class:`~.terms.OptionProblem` that says which
parameter is wrong, what kind of wrong, and what is allowed. The rules between parameters
live with the operation (:mod:`.operation_checks`).
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .terms import Kind, Location, OptionProblem, Reason

__all__ = ["Param"]

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER_TEXT = re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")
_KIND_WORDS = {
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list of text",
}


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
