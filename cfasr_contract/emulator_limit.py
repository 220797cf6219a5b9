"""One limit of the cfasr emulator itself (:class:`EmulatorLimit`), the record the generated
``EMULATOR_LIMITS`` is made of.

Its own module because it is no check: the SDK never enforces these limits, only the emulator
does, and its settings and docs page take their defaults from it.
"""

from __future__ import annotations

import attrs

__all__ = ["EmulatorLimit"]


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
