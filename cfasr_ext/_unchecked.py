"""`extra_query`, `extra_body`, `extra_headers`: sending what openapi.yaml does not know yet.

Cloudflare can add an option tomorrow; the spec, `make regen` and a cfasr release come later.
Until then these arguments send it as given, unchecked against the spec, merged the way
openai-python merges its own `extra_*` arguments: a key given here replaces the same-name
query parameter or top-level JSON field the typed options produced, and is added otherwise.
Only what could not be sent sensibly is refused, with `OptionError`: a body field when the
body is the recording itself, `audio` (the call's first argument), values JSON or a URL cannot
carry, and headers that would carry credentials or change the request's framing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from cfasr_ext._errors import OptionError

__all__ = ["ExtraBody", "ExtraQuery", "merge_body", "merge_query", "refuse_body"]

ExtraQuery = Mapping[str, object]
"""Query parameters sent unchecked: text, numbers, booleans (`true`/`false`), a list or tuple
of those (the parameter repeated), or None to leave a parameter out."""

ExtraBody = Mapping[str, object]
"""Top-level JSON fields sent unchecked; any JSON-serialisable value."""

_SCALARS = (str, int, float)


def _text(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _SCALARS):
        return str(value)
    raise OptionError(
        f"extra_query[{name!r}] must be text, a number, a boolean, a list of those, or None "
        f"(to leave the parameter out), not {type(value).__name__}."
    )


def _keys(what: str, extra: Mapping[str, object]) -> None:
    if not isinstance(extra, Mapping):
        raise OptionError(
            f"{what} must be a mapping of names to values, not {type(extra).__name__}."
        )
    for key in extra:
        if not isinstance(key, str) or not key:
            raise OptionError(f"{what} keys must be non-empty strings, not {key!r}.")


def merge_query(
    pairs: Sequence[tuple[str, str]], extra_query: ExtraQuery | None
) -> tuple[tuple[str, str], ...]:
    """`pairs` with `extra_query` merged in: every pair whose name `extra_query` gives is
    replaced by its value(s), in `extra_query`'s order after the typed options."""
    if not extra_query:
        return tuple(pairs)
    _keys("extra_query", extra_query)
    merged = [(name, value) for name, value in pairs if name not in extra_query]
    for name, value in extra_query.items():
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        merged.extend((name, _text(name, item)) for item in values)
    return tuple(merged)


def merge_body(
    fields: Mapping[str, Any], extra_body: ExtraBody | None, *, model: str
) -> dict[str, Any]:
    """The JSON fields of a body with `extra_body` merged over them (top level, as given)."""
    if not extra_body:
        return dict(fields)
    _keys("extra_body", extra_body)
    if "audio" in extra_body:
        raise OptionError(
            f"{model}: extra_body cannot set 'audio'; the recording is the call's first argument."
        )
    try:
        json.dumps(extra_body)
    except (TypeError, ValueError) as exc:
        raise OptionError(f"extra_body must be JSON-serialisable: {exc}.") from None
    return {**fields, **extra_body}


def refuse_body(model: str, extra_body: ExtraBody | None, *, hint: str = "") -> None:
    """`OptionError` when `extra_body` is given for a body that is the raw recording."""
    if extra_body:
        raise OptionError(
            f"{model} sends the recording itself as the request body, so extra_body has no JSON "
            f"to merge into; send an option the spec lacks with extra_query={{...}} (a query "
            f"parameter) instead{hint}."
        )
