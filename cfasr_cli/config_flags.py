"""A server's flags on a typer command, read from its config class (`cfasr_openai.flags`).

`cfasr serve` takes ``ServerConfig``'s flags and `cfasr gateway` ``GatewayConfig``'s, the
way `cfasr transcribe` takes its model flags from the contract: no flag, type or default is
written here, so ``python -m cfasr_emulator`` and `cfasr serve` cannot drift apart.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal, get_type_hints

import typer

from cfasr_openai.flags import FlagSpec

__all__ = ["config_flag_parameters", "with_config_flags"]

_TYPES: dict[str, Any] = {"text": str, "int": int, "float": float, "bool": bool}


def _annotation(spec: FlagSpec) -> Any:
    """The typer option of one flag, through typer's public API only."""
    common: dict[str, Any] = {"help": spec.help, "metavar": spec.metavar}
    if spec.kind == "bool":
        decl = spec.name if spec.default is False else f"{spec.name}/--no-{spec.name[2:]}"
        return Annotated[bool, typer.Option(decl, help=spec.help)]
    if spec.kind == "repeated":
        return Annotated[list[str] | None, typer.Option(spec.name, show_default=False, **common)]
    kind = Literal[spec.choices] if spec.choices else _TYPES[spec.kind]
    if spec.choices:
        common["metavar"] = "[" + "|".join(spec.choices) + "]"
    if spec.default is None:
        return Annotated[kind | None, typer.Option(spec.name, show_default=False, **common)]
    return Annotated[kind, typer.Option(spec.name, **common)]


def config_flag_parameters(specs: tuple[FlagSpec, ...]) -> list[inspect.Parameter]:
    """One keyword parameter per flag, named after its config field, with the field's
    default (None for repeated flags, whose config default is an empty tuple)."""
    return [
        inspect.Parameter(
            spec.field,
            inspect.Parameter.KEYWORD_ONLY,
            default=None if spec.kind == "repeated" else spec.default,
            annotation=_annotation(spec),
        )
        for spec in specs
    ]


def with_config_flags(
    specs: tuple[FlagSpec, ...],
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command one flag per config flag.

    The command declares a last keyword parameter ``config_flags: dict[str, Any]``; typer
    sees the flags in its place (a generated signature), and the command receives every
    flag's value by config field name."""
    extra = config_flag_parameters(specs)
    fields = {spec.field for spec in specs}

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        hints = get_type_hints(command, include_extras=True)
        own = [
            p.replace(annotation=hints[p.name])
            for p in inspect.signature(command).parameters.values()
            if p.name != "config_flags"
        ]
        clash = fields & {p.name for p in own}
        if clash:
            raise TypeError(f"{command.__name__} already has parameters {sorted(clash)}")

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            given = {name: kwargs.pop(name) for name in list(kwargs) if name in fields}
            command(*args, **kwargs, config_flags=given)

        run.__signature__ = inspect.Signature(own + extra)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in own + extra}
        del run.__wrapped__  # typer must read the generated signature, not the original
        return run

    return decorate
