"""Command-line flags read from a server's config class, so each flag is written once.

A field of an attrs config class becomes a flag by carrying ``metadata=flag(help=...)``; its
type, default and name come from the field itself (``idle_timeout_s: float = 10.0`` becomes
``--idle-timeout SECONDS`` with default 10.0). `flags_of` turns the marked fields into
`FlagSpec` rows, which every front end reads: the emulator's argparse parser
(``python -m cfasr_emulator``), and ``cfasr serve`` / ``cfasr gateway`` in `cfasr_cli`. A
field added with ``flag()`` metadata is therefore a flag of every front end, with the same
default, without another edit.

It lives in the lowest server package because both server configs (the gateway's here, the
emulator's above it) mark their fields with it; it imports only attrs.
"""

from __future__ import annotations

import argparse
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, get_args, get_origin

import attrs

__all__ = [
    "FLAG_KEY",
    "Flag",
    "FlagSpec",
    "add_arguments",
    "config_values",
    "flag",
    "flag_words",
    "flags_of",
]

FLAG_KEY = "cfasr_flag"
"""The attrs metadata key under which a field's `Flag` is stored."""


@attrs.frozen
class Flag:
    """What a field's flag adds to the field: help text, and only where needed a name."""

    help: str
    name: str | None = None
    """Without ``--``; default: the field name in kebab case, less a ``_s`` unit suffix."""
    metavar: str | None = None
    scale: int | None = None
    """The flag is in units of ``scale`` field units (``--max-body-mb`` for bytes); the
    flag takes a float then, and the field gets ``int(value * scale)``."""
    parse: Callable[[str], Any] | None = None
    """Turns the flag's text into the field's value (the field's type is then not used)."""
    secret_env: str | None = None
    """A secret: the environment variable to set instead (front ends warn when it is typed,
    as a flag shows in the process list and the shell history)."""


def flag(
    help: str,
    *,
    name: str | None = None,
    metavar: str | None = None,
    scale: int | None = None,
    parse: Callable[[str], Any] | None = None,
    secret_env: str | None = None,
) -> dict[str, Flag]:
    """The ``metadata`` of an attrs field that is a command-line flag."""
    return {FLAG_KEY: Flag(help, name, metavar, scale, parse, secret_env)}


FlagKind = Literal["text", "int", "float", "bool", "repeated"]


@attrs.frozen
class FlagSpec:
    """One flag as the front ends build it, derived from one config field."""

    field: str
    name: str
    """With ``--``."""
    kind: FlagKind
    default: Any
    """In the flag's units; None for an optional value."""
    help: str
    metavar: str | None
    choices: tuple[str, ...] | None
    flag: Flag

    def to_field(self, value: Any) -> Any:
        """The config field's value for the flag's value (None stays None)."""
        if value is None:
            return None
        if self.kind == "repeated":
            items = [self.flag.parse(v) if self.flag.parse else v for v in value]
            return tuple(items)
        if self.flag.parse is not None:
            return self.flag.parse(value)
        if self.flag.scale is not None:
            return int(value * self.flag.scale)
        return value


def _kind(hint: Any, spec: Flag) -> tuple[FlagKind, tuple[str, ...] | None]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        return _kind(rest[0], spec) if len(rest) == 1 else ("text", None)
    if origin is Literal:
        return "text", tuple(str(a) for a in args)
    if spec.parse is not None:
        return "text", None
    if origin is tuple:
        return "repeated", None
    if hint is str:
        return "text", None
    if hint is bool:
        return "bool", None
    if spec.scale is not None or hint is float:
        return "float", None
    if hint is int:
        return "int", None
    raise TypeError(f"no command-line form for a field of type {hint!r}")


def _metavar(field: str, kind: FlagKind, choices: tuple[str, ...] | None) -> str | None:
    if kind == "bool" or choices:
        return None
    if field.endswith("_s"):
        return "SECONDS"
    return "N" if kind in ("int", "float") else "TEXT"


def _default_name(field: str) -> str:
    return field.removesuffix("_s").replace("_", "-")


def flags_of(config: type[Any]) -> tuple[FlagSpec, ...]:
    """The flags of an attrs config class: its fields marked with `flag`, in field order."""
    hints = typing.get_type_hints(config)
    specs = []
    for field in attrs.fields(config):
        spec = field.metadata.get(FLAG_KEY)
        if spec is None:
            continue
        kind, choices = _kind(hints[field.name], spec)
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if spec.parse is not None:
            default = None  # the flag's text has no default; the field's own default applies
        elif spec.scale is not None and default is not None:
            default = default / spec.scale
        if kind == "repeated":
            default = list(default)
        specs.append(
            FlagSpec(
                field=field.name,
                name="--" + (spec.name or _default_name(field.name)),
                kind=kind,
                default=default,
                help=spec.help,
                metavar=spec.metavar or _metavar(field.name, kind, choices),
                choices=choices,
                flag=spec,
            )
        )
    return tuple(specs)


def config_values(specs: tuple[FlagSpec, ...], given: Mapping[str, Any]) -> dict[str, Any]:
    """Config keyword arguments from flag values keyed by field name (None values left out,
    so a config's own fallbacks, such as the environment, still apply)."""
    values = {}
    for spec in specs:
        value = spec.to_field(given.get(spec.field))
        if value is not None:
            values[spec.field] = value
    return values


def add_arguments(parser: argparse.ArgumentParser, specs: tuple[FlagSpec, ...]) -> None:
    """One argparse argument per flag; values land under the field names."""
    for spec in specs:
        shown = (
            f"{spec.help} (default: %(default)s)" if spec.default not in (None, []) else spec.help
        )
        common: dict[str, Any] = {"dest": spec.field, "help": shown}
        if spec.kind == "bool":
            action = "store_true" if spec.default is False else argparse.BooleanOptionalAction
            parser.add_argument(spec.name, action=action, default=spec.default, **common)
            continue
        if spec.kind == "repeated":
            common["action"] = "append"
        else:
            common["type"] = {"int": int, "float": float, "text": str}[spec.kind]
        parser.add_argument(
            spec.name,
            default=None if spec.kind == "repeated" else spec.default,
            metavar=spec.metavar,
            choices=spec.choices,
            **common,
        )


def flag_words(message: str, specs: tuple[FlagSpec, ...]) -> str:
    """A config error in the words of the command line: field names become flag names
    (``engine_deadline_s must be positive`` → ``--engine-deadline must be positive``)."""
    for spec in specs:
        message = re.sub(rf"\b{spec.field}\b", spec.name, message)
    return message
