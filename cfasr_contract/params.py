"""The base of the generated parameter classes: one typed, checked record per operation.

``cfasr_client.contract.params`` (generated from openapi.yaml) declares, per operation, a
frozen class whose attributes are its options, typed as the spec types them (``None``: not
given). This base gives every one of them the same ways in and out, so the SDK, the emulator
and the command line read ``params.multichannel`` instead of ``values.get("multichannel")``,
and a renamed option fails the type check of every reader instead of going quietly unread:

- in: :meth:`Params.from_options` (Python values, the SDK's keyword arguments),
  :meth:`Params.from_query` (a query string's pairs, the emulator's handshake and POST, the
  command line's flags) and :meth:`Params.from_body` (the fields of a JSON body);
- out: :meth:`Params.query` and :meth:`Params.body` (the wire), :meth:`Params.given`.

Every way in runs the checks of :mod:`cfasr_contract.operation_checks` and raises their
:class:`~cfasr_contract.terms.OptionProblem`; each layer words it its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Self

from .operation_checks import Operation

__all__ = ["Params"]


class Params:
    """Checked options of one operation; subclasses are generated, one per operation."""

    OPERATION: ClassVar[Operation]
    __slots__ = ()

    @classmethod
    def from_options(cls, options: Mapping[str, object], *, defaults: bool = False) -> Self:
        """Python values (``None``: not given) → checked. With ``defaults``, the spec's default
        of each option not given is filled in, so the request states it."""
        return cls._from_checked(cls.OPERATION.check(options, defaults=defaults))

    @classmethod
    def from_query(cls, items: Iterable[tuple[str, str]]) -> Self:
        """A query string's ``(name, text)`` pairs → checked; names the operation does not
        list are ignored, as the service ignores them."""
        return cls._from_checked(cls.OPERATION.parse(items))

    @classmethod
    def from_body(cls, fields: Mapping[str, object]) -> Self:
        """A JSON body's fields → its body options, checked; other fields are not options
        (the audio, a reference) and are left to the caller."""
        return cls._from_checked(cls.OPERATION.check_body(fields))

    @classmethod
    def _from_checked(cls, checked: Mapping[str, object]) -> Self:
        make: Callable[..., Self] = cls  # the generated subclasses take every option by name
        return make(**checked)

    def each_checked(self) -> Self:
        """Each given value checked on its own, without the rules between options: for a
        partial set, such as the thresholds a mid-stream ``Configure`` changes."""
        checked = {}
        for name, value in self.given().items():
            param = self.OPERATION.get(name)
            assert param is not None, name  # given() only yields the operation's options
            checked[name] = param.check(value)
        return self._from_checked(checked)

    def given(self) -> dict[str, Any]:
        """The options that were given, by name, in the spec's order."""
        values = ((name, getattr(self, name, None)) for name in self.OPERATION.names())
        return {name: value for name, value in values if value is not None}

    def query(self) -> list[tuple[str, str]]:
        """The given query options as query-string pairs (lists repeated, booleans as text)."""
        return self.OPERATION.query(self.given())

    def body(self) -> dict[str, object]:
        """The given body options as JSON fields."""
        return self.OPERATION.body(self.given())
