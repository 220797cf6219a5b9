"""Model options on the command line, one flag per option of openapi.yaml.

The flags are not written here: every option of every operation a command can use becomes a
flag (`smart_format` → `--smart-format/--no-smart-format`, `beam_size` → `--beam-size N`,
`keyterm` → repeatable `--keyterm TERM`), with its help text from the spec's description.
A flag given for a model whose operation lacks the option fails with one line naming the
models that take it; a value is checked by the same contract the SDK and the emulator use,
so a bad value fails before any request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import typer
from cfasr_client.contract import Operation, OptionProblem, Param, operation_for
from typer.core import TyperCommand, TyperOption

from cfasr_ext.cli.catalog import REST_MODELS, STREAM_MODELS, CliError, short_name

__all__ = ["StreamCommand", "TranscribeCommand", "model_options"]

MODEL_OPTIONS_PANEL = "Model options (from openapi.yaml, checked against --model)"
_META_KEY = "cfasr.model_options"


def flag_name(option: str) -> str:
    return "--" + option.replace("_", "-")


def _operations(models: Iterable[str], transport: str) -> list[Operation]:
    found = (operation_for(model, transport) for model in models)
    return [op for op in found if op is not None]


def _remember(ctx: typer.Context, param: Any, value: Any) -> None:
    """Keep a given flag's value aside: the command reads it with `given_options`."""
    if value is None or value == ():
        return
    assert param.name is not None
    ctx.meta.setdefault(_META_KEY, {})[param.name] = value


def _flag(param: Param, takers: list[Operation], skip_flags: set[str]) -> TyperOption | None:
    name = flag_name(param.name)
    if name in skip_flags:
        return None
    models = ", ".join(short_name(op.model) for op in takers)
    help_text = f"{param.description} Accepts {param.allowed()}. Models: {models}."
    common: dict[str, Any] = {
        "expose_value": False,
        "callback": _remember,
        "help": help_text,
        "rich_help_panel": MODEL_OPTIONS_PANEL,
        "show_default": False,
    }
    if param.kind == "boolean":
        option = TyperOption(
            param_decls=[f"{name}/--no-{name[2:]}", param.name],
            default=None,
            is_flag=True,
            **common,
        )
    elif param.repeatable:
        option = TyperOption(param_decls=[name, param.name], multiple=True, type=str, **common)
    else:
        option = TyperOption(param_decls=[name, param.name], type=str, metavar="VALUE", **common)
    return option


def model_flags(
    models: Iterable[str], transport: str, skip: Iterable[str] = ()
) -> list[TyperOption]:
    """One flag per option of the given models' operations (first description wins)."""
    operations = _operations(models, transport)
    skip_flags = {flag_name(name) for name in skip}
    flags: dict[str, TyperOption] = {}
    for op in operations:
        for param in op.params:
            if param.internal or param.refused or param.name in flags:
                continue
            takers = [o for o in operations if o.get(param.name) is not None]
            flag = _flag(param, takers, skip_flags)
            if flag is not None:
                flags[param.name] = flag
    return list(flags.values())


def given_options(ctx: typer.Context) -> dict[str, Any]:
    return dict(ctx.meta.get(_META_KEY, {}))


def model_options(
    model: str, transport: str, given: Mapping[str, Any], candidates: Iterable[str]
) -> dict[str, Any]:
    """The SDK options for `model` from the flags given (text, booleans, repeated texts).

    Raises `CliError` for a flag the model does not take, naming the models that do, and
    for a value its operation refuses."""
    operation = operation_for(model, transport)
    assert operation is not None
    options: dict[str, Any] = {}
    for name, value in given.items():
        param = operation.get(name)
        if param is None or param.internal:
            takers = [
                short_name(op.model)
                for op in _operations(candidates, transport)
                if op.get(name) is not None
            ]
            accepted = ", ".join(takers)
            raise CliError(
                f"{flag_name(name)} is not valid for {short_name(model)}; "
                f"only {accepted} accept{'s' if len(takers) == 1 else ''} it "
                f"(pick one with --model)."
            )
        try:
            if isinstance(value, bool):
                options[name] = param.check(value)
            else:
                texts = list(value) if isinstance(value, tuple | list) else [value]
                options[name] = param.parse(texts)
        except OptionProblem as problem:
            raise CliError(f"{flag_name(name)}: {problem.message}") from None
    return options


class _ModelOptionsCommand(TyperCommand):
    """A typer command that also takes every model option of its models as a flag."""

    MODELS: tuple[str, ...] = ()
    TRANSPORT = "rest"
    SKIP: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = {opt for p in self.params for opt in getattr(p, "opts", ())}
        flags = model_flags(self.MODELS, self.TRANSPORT, self.SKIP)
        self.params.extend(f for f in flags if not own & set(f.opts))


class TranscribeCommand(_ModelOptionsCommand):
    MODELS = REST_MODELS
    TRANSPORT = "rest"


class StreamCommand(_ModelOptionsCommand):
    MODELS = STREAM_MODELS
    TRANSPORT = "websocket"
    SKIP = ("encoding", "sample_rate", "channels")
    """`cfasr stream` decodes every input to mono linear16 at 16 kHz and says so itself."""
