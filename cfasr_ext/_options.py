"""Options → checked values, from the contract generated out of openapi.yaml.

No option name, type, range, pattern or enum is written here: `cfasr_client.contract` holds
them all, and a spec edit followed by `make regen` changes what the SDK accepts. This module
only turns the contract's `OptionProblem` into the SDK's `OptionError` and keeps the per-call
header rules, which are the SDK's own.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from cfasr_client.contract import OPERATIONS, Operation, OptionProblem, operation_for

from cfasr_ext._errors import OptionError

__all__ = ["check_options", "document_options", "merged_headers", "rest_operation"]


def rest_operation(model: str) -> Operation:
    """The REST operation of a model id (every REST-capable model has exactly one)."""
    operation = operation_for(model, "rest")
    if operation is None:
        raise OptionError(f"{model} has no REST operation in the contract.")
    return operation


def check_options(
    operation: Operation | str, options: Mapping[str, object], *, defaults: bool = False
) -> dict[str, object]:
    """Checked option values (None means "not given"), raising `OptionError` before anything
    is sent. With `defaults`, the spec's default of every option not given is added, so the
    request states them and results do not depend on server-side defaults changing."""
    op = OPERATIONS[operation] if isinstance(operation, str) else operation
    try:
        return op.check(options, defaults=defaults)
    except OptionProblem as problem:
        raise OptionError(problem.message) from None


_CREDENTIALS = ("authorization", "x-auth-key", "x-auth-email", "cf-aig-authorization")
_FRAMING = ("content-length", "transfer-encoding", "host", "connection")


def merged_headers(extra_headers: Mapping[str, str] | None) -> dict[str, str]:
    """`extra_headers` as sent (unchecked against the spec; a name given replaces the client's
    default header of that name), refusing what would leak or break the request: credentials
    (set on the client), framing headers, a Content-Type (it follows the body; raw audio
    takes `content_type=`) and line breaks, which would smuggle in more headers."""
    headers = dict(extra_headers or {})
    for key, value in headers.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise OptionError(
                f"extra_headers names and values must be text, not {key!r}: {value!r}."
            )
        lowered = key.lower()
        if lowered in _CREDENTIALS:
            raise OptionError(
                f"{key} cannot be set per request; pass credentials to the client instead."
            )
        if lowered in _FRAMING or lowered == "content-type":
            where = "; pass content_type= for raw audio" if lowered == "content-type" else ""
            raise OptionError(
                f"{key} cannot be set per request: cfasr sets it from the body{where}."
            )
        if any(c in key + value for c in "\r\n\0"):
            raise OptionError(
                f"extra_headers[{key!r}] contains a line break or NUL; send one line."
            )
    return headers


F = TypeVar("F", bound=Callable[..., Any])


def document_options(function: F, operation: Operation) -> F:
    """Append the operation's options, as the spec describes them, to `function`'s docstring,
    so `help()` and editors show them next to the code that takes them."""
    lines = [
        f"    {p.name}: {p.description} Accepts {p.allowed()}."
        + (f" Default {p.default}." if p.has_default else "")
        for p in operation.params
        if not p.internal and not p.refused
    ]
    if lines:
        doc = inspect.cleandoc(function.__doc__ or "")
        listing = "\n".join(lines)
        function.__doc__ = f"{doc}\n\nOptions (openapi.yaml, {operation.operation_id}):\n{listing}"
    return function
