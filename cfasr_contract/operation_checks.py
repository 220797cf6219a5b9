"""One operation of openapi.yaml and the rules between its parameters (:class:`Operation`):
``required``, ``required_when`` and ``needs``, unknown names, and the query string and JSON
body its checked options make.

Its own module because these rules span parameters, where :mod:`.param_checks` checks one
value at a time; the SDK, the emulator and the command line call them through the generated
``catalog.OPERATIONS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal
from urllib.parse import quote

import attrs

from .param_checks import Param
from .terms import BodyKind, Location, OptionProblem

__all__ = ["Operation"]


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
