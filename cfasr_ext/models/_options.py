"""Option checks shared by the model modules: each raises `OptionError` saying what to fix."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import TypeVar

from cfasr_ext._errors import OptionError

__all__ = ["check_bool", "check_enum", "check_number", "check_str", "common_params"]

E = TypeVar("E", bound=enum.Enum)

_TAG = re.compile(r"[A-Za-z0-9:./@-]{0,50}")


def check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"{name} must be True or False, not {value!r}.")
    return value


def check_number(
    name: str,
    value: object,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
) -> float:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        kind = "an integer" if integer else "a number"
        raise OptionError(f"{name} must be {kind}, not {value!r}.")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        low = "-inf" if minimum is None else f"{minimum:g}"
        high = "inf" if maximum is None else f"{maximum:g}"
        raise OptionError(f"{name}={value!r} is out of range; use a value from {low} to {high}.")
    return value


def check_enum(name: str, enum_cls: type[E], value: object) -> E:
    try:
        return enum_cls(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in enum_cls)
        raise OptionError(f"{name}={value!r} is not one of {choices}.") from None


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_str(name: str, value: object, pattern: str | None = None, hint: str = "") -> str:
    if not isinstance(value, str) or not value:
        raise OptionError(f"{name} must be a non-empty string, not {value!r}.")
    if not value.isascii() and not _encodable(value):
        raise OptionError(
            f"{name} is not valid Unicode text (it holds lone surrogates, e.g. from bytes "
            "decoded with errors='surrogateescape'); decode the bytes as UTF-8 first."
        )
    if pattern is not None and not re.fullmatch(pattern, value):
        raise OptionError(f"{name}={value!r} is not valid{': ' + hint if hint else ''}.")
    return value


def common_params(tags: str | None) -> list[tuple[str, str]]:
    """Query parameters every POST accepts (`tags`)."""
    if tags is None:
        return []
    if not isinstance(tags, str) or not _TAG.fullmatch(tags):
        raise OptionError(
            "tags must be at most 50 letters, digits or ':-./@' characters, e.g. 'batch:2026-10'."
        )
    return [("tags", tags)]


def merged_headers(extra_headers: Mapping[str, str] | None) -> dict[str, str]:
    headers = dict(extra_headers or {})
    for key in headers:
        if key.lower() in ("authorization", "x-auth-key", "x-auth-email", "cf-aig-authorization"):
            raise OptionError(
                f"{key} cannot be set per request; pass credentials to the client instead."
            )
    return headers
