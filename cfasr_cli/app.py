"""The `cfasr` command: global options and the commands, each delegating to a module.

Credentials come only from the environment (`CLOUDFLARE_API_TOKEN`, or `CLOUDFLARE_API_KEY`
+ `CLOUDFLARE_EMAIL`): a token typed as a flag would be saved in the shell's history.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import attrs
import typer
from cfasr_client.contract.params import StreamNova3Params
from typer.core import TyperGroup

from cfasr_cli.catalog import REST_MODELS, STREAM_MODELS, CliError, resolve_model
from cfasr_cli.config_flags import with_config_flags
from cfasr_cli.context import GlobalOptions, fail, options_of
from cfasr_cli.inputs import expand_inputs
from cfasr_cli.options import (
    PARAM_HELP,
    STREAM_SKIPPED,
    extra_params,
    model_options,
    with_model_flags,
)
from cfasr_cli.outputs import parse_format, plan_outputs
from cfasr_cli.serve import server_flags
from cfasr_ext import __version__
from cfasr_ext.chunking import DEFAULT_MAX_BYTES
from cfasr_openai.front_end import GATEWAY_FLAGS

_NOVA3_STREAM = attrs.fields(StreamNova3Params)

__all__ = ["app"]

_ANYWHERE = frozenset({"-q", "--quiet", "-v", "--verbose"})
"""Global flags also accepted after the command (`cfasr transcribe -q talk.wav`)."""


class _CfasrGroup(TyperGroup):
    """Moves `-q`/`-v` given after the command to before it, where click looks for them:
    people add them at the end of a command line they already typed."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's vendored click Context
        valued = {  # global options that take a value: skipped with it on the way
            opt
            for param in self.params
            if getattr(param, "is_flag", True) is False
            for opt in param.opts
        }
        command_at = None
        index = 0
        while index < len(args):
            if args[index] in self.commands:
                command_at = index
                break
            index += 2 if args[index] in valued else 1
        if command_at is not None:
            head, tail = args[: command_at + 1], args[command_at + 1 :]
            end = tail.index("--") if "--" in tail else len(tail)
            moved = [arg for arg in tail[:end] if arg in _ANYWHERE]
            kept = [arg for arg in tail[:end] if arg not in _ANYWHERE] + tail[end:]
            args = [*head[:-1], *moved, head[-1], *kept]
        return super().parse_args(ctx, args)


app = typer.Typer(
    name="cfasr",
    cls=_CfasrGroup,
    help="Transcribe, stream and emulate Cloudflare Workers AI speech recognition.\n\n"
    "Credentials come from the environment: CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: rich formatting of ~50 model flags doubled `cfasr --help` (0.34 s).
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cfasr {__version__}")
        raise typer.Exit()


@app.callback()
def global_options(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="API base URL, e.g. http://127.0.0.1:8787/client/v4 for `cfasr serve` "
            "[env: CLOUDFLARE_BASE_URL]",
            show_default=False,
        ),
    ] = None,
    ai_gateway: Annotated[
        str | None,
        typer.Option(
            "--ai-gateway",
            metavar="ID",
            help="Cloudflare AI Gateway id to route through [env: CLOUDFLARE_AI_GATEWAY_ID]",
            show_default=False,
        ),
    ] = None,
    old_gateway: Annotated[
        str | None,
        typer.Option("--gateway", hidden=True, help="Deprecated spelling of --ai-gateway."),
    ] = None,
    account_id: Annotated[
        str | None,
        typer.Option(
            "--account-id",
            help="32-hex Cloudflare account id [env: CLOUDFLARE_ACCOUNT_ID]",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log requests and show tracebacks.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="How long to wait for each answer [default: the SDK's]",
            show_default=False,
        ),
    ] = None,
    allow_insecure_http: Annotated[
        bool,
        typer.Option(
            "--allow-insecure-http",
            envvar="CFASR_ALLOW_INSECURE_HTTP",
            help="Send credentials over plain http to a host that is not loopback.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options go before the command: cfasr --base-url URL transcribe talk.mp3
    (-q and -v may also follow it)."""
    del version
    if old_gateway is not None:
        # `cfasr gateway` is the OpenAI-compatible server; the old flag said "gateway" too.
        typer.echo(
            "cfasr: warning: --gateway is deprecated and will be removed in the next release; "
            "use --ai-gateway.",
            err=True,
        )
    options = GlobalOptions(
        base_url,
        ai_gateway or old_gateway,
        account_id,
        verbose,
        quiet,
        timeout=timeout,
        allow_insecure_http=allow_insecure_http,
    )
    options.setup_logging()
    ctx.obj = options


@app.command()
@with_model_flags(REST_MODELS, "rest")
def transcribe(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE|DIR|GLOB|-...", help="Audio files, directories, globs, - for stdin."
        ),
    ],
    model: Annotated[
        str, typer.Option("--model", "-m", help="whisper, whisper-tiny-en, turbo, nova-3.")
    ] = "whisper-large-v3-turbo",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="txt (or text), json, srt or vtt.")
    ] = "txt",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Directory for the outputs (default: standard output).",
            show_default=False,
        ),
    ] = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-j", help="Requests in flight at once.")
    ] = 4,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip inputs whose output in --out is complete.")
    ] = False,
    chunking: Annotated[
        bool,
        typer.Option("--chunking", help="Split long audio at silences and stitch the pieces."),
    ] = False,
    chunk_bytes: Annotated[
        int, typer.Option("--chunk-bytes", help="Largest piece sent with --chunking (WAV bytes).")
    ] = DEFAULT_MAX_BYTES,
    param: Annotated[
        list[str] | None, typer.Option("--param", metavar="KEY=VALUE", help=PARAM_HELP)
    ] = None,
    *,
    model_flags: dict[str, Any],
) -> None:
    """Transcribe recordings: one output per input, N requests at a time."""
    # Loaded here, not at import: `cfasr --help` needs none of them.
    from cfasr_cli.batch import run_batch
    from cfasr_cli.file_transcriber import FileTranscriber
    from cfasr_cli.report import BatchProgress, print_summary

    options = options_of(ctx)
    try:
        full_model = resolve_model(model, REST_MODELS, "transcribe")
        sdk_options = model_options(full_model, "rest", model_flags, REST_MODELS)
        if param:
            sdk_options["extra_query"] = extra_params(param)
        fmt = parse_format(output_format)
        if concurrency < 1:
            raise CliError(f"--concurrency must be at least 1, got {concurrency}.")
        if chunking and chunk_bytes < 64_000:
            raise CliError(
                f"--chunk-bytes must be at least 64000 (2 s of audio), got {chunk_bytes}."
            )
        if chunking and sdk_options.get(_NOVA3_STREAM.multichannel.name):
            raise CliError(
                "--chunking cuts audio into mono pieces, which would mix the channels that "
                "--multichannel keeps apart; use one or the other."
            )
        if resume and out is None:
            raise CliError("--resume needs --out DIR (outputs on stdout cannot be resumed).")
        items = expand_inputs(inputs)
        outputs = plan_outputs(items, out, fmt)
        client = options.client()
    except Exception as error:
        fail(error, options)
    console = options.stderr()
    with client:
        stdin_audio = sys.stdin.buffer.read() if any(i.is_stdin for i in items) else None
        if stdin_audio == b"":
            empty = CliError("standard input is empty; pipe an audio file into cfasr transcribe -.")
            fail(empty, options)
        transcriber = FileTranscriber(
            client,
            model=full_model,
            options=sdk_options,
            concurrency=concurrency,
            chunk_bytes=chunk_bytes if chunking else None,
        )
        total = sum(
            len(stdin_audio or b"") if i.path is None else i.path.stat().st_size for i in items
        )
        with BatchProgress(
            console, files=len(items), total_bytes=total, enabled=not options.quiet
        ) as progress:
            outcomes = run_batch(
                items,
                outputs,
                transcribe=transcriber.transcribe,
                output_format=fmt,
                concurrency=concurrency,
                resume=resume,
                progress=progress,
                stdout=sys.stdout,
                stdin_audio=stdin_audio,
            )
    failed = [o for o in outcomes if o.status == "failed"]
    if len(outcomes) > 1 or not failed:
        print_summary(console, outcomes)
    for outcome in failed:
        typer.echo(f"cfasr: error: {outcome.item.label}: {outcome.reason}", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def models(
    as_json: Annotated[bool, typer.Option("--json", help="Print the table as JSON.")] = False,
) -> None:
    """The eight operations: model, transport (REST / WebSocket), inputs and options."""
    from cfasr_cli.models_table import models_json, print_models

    if as_json:
        typer.echo(models_json())
    else:
        from rich.console import Console

        print_models(Console(soft_wrap=False))


_SERVER_FLAGS, _LOG_LEVELS = server_flags()
_LogLevel: Any = Literal[_LOG_LEVELS] if _LOG_LEVELS else str
"""uvicorn's levels, checked by typer (any text without the server extra: then no level)."""


@app.command(
    # Without the server extra there are no flags to declare: take any, and say what to install.
    context_settings={}
    if _SERVER_FLAGS
    else {"ignore_unknown_options": True, "allow_extra_args": True},
)
@with_config_flags(_SERVER_FLAGS)
def serve(
    ctx: typer.Context,
    log_level: Annotated[
        _LogLevel | None,
        typer.Option(
            metavar="LEVEL",
            help="The server's log level [default: info; warning with -q, debug with -v]",
            show_default=False,
        ),
    ] = None,
    *,
    config_flags: dict[str, Any],
) -> None:
    """Run the local emulator (the same API on http://HOST:PORT/client/v4).

    The flags are `python -m cfasr_emulator`'s."""
    from cfasr_cli.serve import run_server

    options = options_of(ctx)
    try:
        code = run_server(config_flags, log_level=log_level, options=options)
    except Exception as error:
        fail(error, options)
    raise typer.Exit(code)


@app.command()
@with_config_flags(GATEWAY_FLAGS)
def gateway(ctx: typer.Context, *, config_flags: dict[str, Any]) -> None:
    """OpenAI's audio API (http://HOST:PORT/v1/audio/transcriptions) in front of Workers AI."""
    from cfasr_cli.gateway import run_gateway

    options = options_of(ctx)
    try:
        code = run_gateway(config_flags, options=options)
    except Exception as error:
        fail(error, options)
    raise typer.Exit(code)


@app.command()
@with_model_flags(STREAM_MODELS, "websocket", skip=STREAM_SKIPPED)
def stream(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(metavar="FILE|-", help="Audio file, or - for stdin.", show_default=False),
    ] = None,
    model: Annotated[str, typer.Option("--model", "-m", help="nova-3 or flux.")] = "nova-3",
    realtime: Annotated[
        bool, typer.Option("--realtime", help="Send the file at its playing speed.")
    ] = False,
    mic: Annotated[
        bool, typer.Option("--mic", help="Stream the microphone (needs sounddevice).")
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Final output: txt (or text), json, srt or vtt.")
    ] = "txt",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write the final output to this file.", show_default=False
        ),
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", metavar="KEY=VALUE", help=PARAM_HELP)
    ] = None,
    *,
    model_flags: dict[str, Any],
) -> None:
    """Stream a recording live: interim text in place, final lines, flux turns."""
    from cfasr_cli.live import StreamRequest, run_stream

    options = options_of(ctx)
    try:
        full_model = resolve_model(model, STREAM_MODELS, "stream")
        sdk_options = model_options(full_model, "websocket", model_flags, STREAM_MODELS)
        if param:
            sdk_options["extra_query"] = extra_params(param)
        request = StreamRequest.build(
            source=source,
            mic=mic,
            model=full_model,
            options=sdk_options,
            realtime=realtime,
            output_format=parse_format(output_format),
            out=out,
        )
        settings = options.settings()
        run_stream(request, settings, options)
    except Exception as error:
        fail(error, options)
