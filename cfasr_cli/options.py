"""Model options on the command line, one flag per option of openapi.yaml.

The flags are not written here: every option of every operation a command can use becomes a
flag (`smart_format` → `--smart-format/--no-smart-format`, `beam_size` → `--beam-size N`,
`keyterm` → repeatable `--keyterm TERM`), with its help text from the spec's description.
A flag given for a model whose operation lacks the option fails with one line naming the
models that take it; a value is checked by the same contract the SDK and the emulator use,
so a bad value fails before any request.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, get_type_hints

import attrs
import typer
from cfasr_client.contract import Operation, OptionProblem, Param, operation_for
from cfasr_client.contract.params import StreamNova3Params

from cfasr_cli.catalog import CliError, short_name

__all__ = [
    "MODEL_OPTIONS_PANEL",
    "PARAM_HELP",
    "STREAM_SKIPPED",
    "extra_params",
    "model_flag_parameters",
    "model_options",
    "with_model_flags",
]

MODEL_OPTIONS_PANEL = "Model options (from openapi.yaml, checked against --model)"

_NOVA3_STREAM = attrs.fields(StreamNova3Params)
STREAM_SKIPPED = frozenset(
    {_NOVA3_STREAM.encoding.name, _NOVA3_STREAM.sample_rate.name, _NOVA3_STREAM.channels.name}
)
"""Stream options with no flag: `cfasr stream` decodes every input to linear16 at 16 kHz and
says so itself, mono or (with --multichannel) the file's own channels."""


PARAM_HELP = (
    "Send KEY=VALUE as a query parameter, UNCHECKED: not validated against openapi.yaml, for "
    "an option newer than this cfasr. It replaces a flag's parameter of the same name. "
    "Repeatable; a KEY given twice is sent twice."
)


def extra_params(given: Iterable[str]) -> dict[str, list[str]]:
    """`--param KEY=VALUE` flags → the SDK's `extra_query` (each KEY's values, in order)."""
    params: dict[str, list[str]] = {}
    for item in given:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(
                f"--param needs KEY=VALUE (such as --param new_option=true), not {item!r}."
            )
        params.setdefault(key.strip(), []).append(value)
    return params


def flag_name(option: str) -> str:
    return "--" + option.replace("_", "-")


def _operations(models: Iterable[str], transport: str) -> list[Operation]:
    found = (operation_for(model, transport) for model in models)
    return [op for op in found if op is not None]


def _annotation(param: Param, takers: list[Operation]) -> Any:
    """The typer flag of one option, through typer's public API only."""
    models = ", ".join(short_name(op.model) for op in takers)
    help_text = f"{param.description} Accepts {param.allowed()}. Models: {models}."
    common: dict[str, Any] = {
        "help": help_text,
        "rich_help_panel": MODEL_OPTIONS_PANEL,
        "show_default": False,
    }
    name = flag_name(param.name)
    if param.kind == "boolean":
        return Annotated[bool | None, typer.Option(f"{name}/--no-{name[2:]}", **common)]
    if param.repeatable:
        return Annotated[list[str] | None, typer.Option(name, metavar="TEXT", **common)]
    return Annotated[str | None, typer.Option(name, metavar="VALUE", **common)]


def model_flag_parameters(
    models: Iterable[str], transport: str, skip: Iterable[str] = ()
) -> list[tuple[str, Any]]:
    """(name, typer annotation) of one flag per option of the models' operations."""
    operations = _operations(models, transport)
    skipped = set(skip)
    flags: dict[str, Any] = {}
    for op in operations:
        for param in op.params:
            if param.internal or param.refused or param.name in flags or param.name in skipped:
                continue
            takers = [o for o in operations if o.get(param.name) is not None]
            flags[param.name] = _annotation(param, takers)
    return list(flags.items())


def with_model_flags(
    models: Iterable[str], transport: str, skip: Iterable[str] = ()
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command one flag per model option of the spec.

    The command declares a last keyword parameter ``model_flags: dict[str, Any]``; typer sees
    the spec's options in its place (a generated signature), and the command receives the
    ones given, by option name."""
    flags = model_flag_parameters(models, transport, skip)

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        hints = get_type_hints(command, include_extras=True)
        own = [
            p.replace(annotation=hints[p.name])
            for p in inspect.signature(command).parameters.values()
            if p.name != "model_flags"
        ]
        names = {name for name, _ in flags}

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            given = {
                name: kwargs.pop(name)
                for name in list(kwargs)
                if name in names and kwargs[name] not in (None, [], ())
            }
            for name in names:
                kwargs.pop(name, None)
            command(*args, **kwargs, model_flags=given)

        extra = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=hint)
            for name, hint in flags
            if name not in {p.name for p in own}
        ]
        run.__signature__ = inspect.Signature(own + extra)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in own + extra}
        del run.__wrapped__  # typer must read the generated signature, not the original
        return run

    return decorate


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
