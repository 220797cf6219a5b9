"""`cfasr stream`: send a recording (or the microphone) over a WebSocket and show it live.

Interim text is rewritten in place on a terminal; final results (nova-3) and ended turns
(flux) are printed as lines. The live view goes to stderr, the final transcript to stdout or
`--out`, so `cfasr stream talk.wav -f json | jq` still works.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any, TextIO

import attrs
from cfasr_client.contract import operation_for
from cfasr_client.contract.params import StreamFluxParams, StreamNova3Params

from cfasr_cli.catalog import CliError
from cfasr_cli.context import GlobalOptions
from cfasr_cli.outputs import OutputFormat, render, write_atomic
from cfasr_cli.report import format_duration
from cfasr_ext import AudioInputError, Settings, pcm16_chunks
from cfasr_ext.internal import audio_channels
from cfasr_ext.streaming import (
    AsyncStream,
    EndOfTurn,
    Reconnecting,
    Results,
    StreamEvent,
    TurnInfo,
    connect_listen_v1,
    connect_listen_v2,
)

__all__ = ["LiveDisplay", "StreamRequest", "run_stream"]

SAMPLE_RATE = 16_000
_NOVA3 = attrs.fields(StreamNova3Params)


@attrs.frozen
class StreamRequest:
    """What to stream and where the final transcript goes."""

    model: str
    options: Mapping[str, Any]
    source: Path | None
    """None = standard input (unless `mic`)."""
    mic: bool
    realtime: bool
    output_format: OutputFormat
    out: Path | None
    channels: int = 1
    """Interleaved channels sent: the file's own count with --multichannel, else 1 (mixed)."""

    @property
    def multichannel(self) -> bool:
        return bool(self.options.get(_NOVA3.multichannel.name))

    @classmethod
    def build(
        cls,
        *,
        source: str | None,
        mic: bool,
        model: str,
        options: Mapping[str, Any],
        realtime: bool,
        output_format: OutputFormat,
        out: Path | None,
    ) -> StreamRequest:
        """Checked request; `CliError` for a missing file, or FILE and --mic together."""
        if mic and options.get(_NOVA3.multichannel.name):
            raise CliError(
                "--multichannel needs a recording with several channels; --mic records one. "
                "Stream a multichannel FILE instead."
            )
        if mic:
            if source is not None:
                raise CliError("give either FILE|- or --mic, not both.")
            if importlib.util.find_spec("sounddevice") is None:
                raise CliError(
                    "--mic needs the optional sounddevice package: pip install sounddevice "
                    "(or stream a file, or - for stdin)."
                )
            path = None
        elif source is None:
            raise CliError("nothing to stream: pass an audio FILE, - for stdin, or --mic.")
        elif source == "-":
            path = None
        else:
            path = Path(source).expanduser()
            if path.is_dir():
                raise CliError(f"{source} is a directory; stream one audio file at a time.")
            if not path.is_file():
                raise CliError(f"{source}: no such file; check the path.")
        if out is not None:
            _check_writable(out)
        return cls(model, dict(options), path, mic, realtime, output_format, out)

    def session_options(self) -> dict[str, Any]:
        """Mono linear16 at 16 kHz (what `send_file` produces), plus the user's options."""
        base: dict[str, Any]
        if _kind(self.model) == "listen-v1":  # interim results, shown in place
            nova3 = StreamNova3Params(
                encoding="linear16",
                sample_rate=SAMPLE_RATE,
                channels=self.channels,
                interim_results=True,
            )
            base = nova3.given()
        else:
            base = StreamFluxParams(encoding="linear16", sample_rate=SAMPLE_RATE).given()
        return {**base, **self.options}


def _kind(model: str) -> str | None:
    """The body kind of the model's WebSocket operation (`listen-v1` or `listen-v2`)."""
    operation = operation_for(model, "websocket")
    return operation.body_kind if operation is not None else None


def _check_writable(out: Path) -> None:
    """`CliError` now, before connecting, for an `--out` the transcript could not be written to
    at the end of the session (`write_atomic` creates missing directories)."""
    if out.is_dir():
        raise CliError(f"--out {out} is a directory; stream writes one file, name it.")
    existing = out.parent.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise CliError(f"--out {out}: {existing} is not a directory; choose another path.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise CliError(f"--out {out}: {existing} is not writable; choose another path.")


class LiveDisplay:
    """Interim text rewritten in place (terminals only, after the audio heard so far) and final
    lines, labelled `[channel N]` in a multichannel stream as `cfasr transcribe` labels them."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled
        self._interactive = enabled and stream.isatty()
        self._dirty = False
        self.heard = 0.0
        """Seconds of audio the server has answered for (the end of its latest result)."""

    def _clear(self) -> None:
        if self._dirty:
            self._stream.write("\r\x1b[2K")
            self._dirty = False

    def interim(self, text: str) -> None:
        if not self._interactive or not text:
            return
        width = max(20, os.get_terminal_size(self._stream.fileno()).columns - 1)
        self._clear()
        self._stream.write(text[-width:])
        self._stream.flush()
        self._dirty = True

    def final(self, text: str) -> None:
        if not self._enabled or not text:
            return
        self._clear()
        self._stream.write(text + "\n")
        self._stream.flush()

    def show(self, event: StreamEvent) -> None:
        """Route one session event to the view."""
        if isinstance(event, Results):
            self.heard = max(self.heard, event.end)
            text = event.transcript
            if text and event.channel_count > 1:
                text = f"[channel {event.channel_index}] {text}"
            if event.is_final:
                self.final(text)
            else:
                self.interim(f"[{format_duration(self.heard)}] {text}" if text else "")
        elif isinstance(event, EndOfTurn):
            self.final(f"[turn {event.turn_index}] {event.transcript}")
        elif isinstance(event, TurnInfo):
            self.interim(f"[turn {event.turn_index}] {event.transcript}")
        elif isinstance(event, Reconnecting):
            self.final("(connection lost; reconnecting...)")

    def finish(self) -> None:
        if self._interactive:
            self._clear()
            self._stream.flush()

    def streamed(self, seconds: float) -> None:
        """The closing line: how much audio went out."""
        self.final(f"streamed {format_duration(seconds)} of audio")


@contextlib.asynccontextmanager
async def _stdin_file() -> AsyncIterator[Path]:
    """Standard input saved to a temporary file, so any container can be decoded."""
    data = await asyncio.to_thread(sys.stdin.buffer.read)
    if not data:
        raise CliError("standard input is empty; pipe an audio file into cfasr stream -.")
    handle = tempfile.NamedTemporaryFile(prefix="cfasr-stdin-", delete=False)  # noqa: SIM115
    try:
        with handle:
            handle.write(data)
        yield Path(handle.name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)


async def _send_mic(stream: AsyncStream) -> float:
    """Microphone blocks of ~80 ms until Ctrl-C (sounddevice, checked at `build`); returns the
    seconds recorded."""
    import sounddevice  # type: ignore[import-not-found, unused-ignore]

    loop = asyncio.get_running_loop()
    blocks: asyncio.Queue[bytes | None] = asyncio.Queue()

    def callback(data: Any, frames: int, time: Any, status: Any) -> None:
        del frames, time, status
        loop.call_soon_threadsafe(blocks.put_nowait, bytes(data))

    # Ctrl-C ends the recording, not the program: the transcript is still written.
    loop.add_signal_handler(signal.SIGINT, blocks.put_nowait, None)
    sent = 0
    try:
        with sounddevice.RawInputStream(
            samplerate=SAMPLE_RATE,
            channels=1,
            dtype="int16",
            blocksize=SAMPLE_RATE * 80 // 1000,
            callback=callback,
        ):
            while (block := await blocks.get()) is not None:
                await stream.send(block)
                sent += len(block)
    finally:
        loop.remove_signal_handler(signal.SIGINT)
    return sent / (2 * SAMPLE_RATE)


async def _send(stream: AsyncStream, request: StreamRequest, source: Path | None) -> float:
    """Send all the audio, then CloseStream and wait for the last results; returns the seconds
    of audio sent."""
    if source is None:
        seconds = await _send_mic(stream)
    else:
        seconds = await stream.send_file(source, realtime=request.realtime)
    await stream.close()
    return seconds


def _check_audio(request: StreamRequest, path: Path) -> StreamRequest:
    """`CliError` (exit 2) before connecting when `path` does not decode as audio; with
    --multichannel, the request with the file's channel count (sent interleaved)."""
    try:
        next(pcm16_chunks(path, sample_rate=SAMPLE_RATE), None)  # the first 80 ms
        if request.multichannel:
            return attrs.evolve(request, channels=audio_channels(path))
    except AudioInputError as error:
        raise CliError(str(error)) from None
    return request


async def _show(stream: AsyncStream, display: LiveDisplay) -> None:
    try:
        async for event in stream:
            display.show(event)
    finally:
        display.finish()


async def _run(request: StreamRequest, settings: Settings, display: LiveDisplay) -> str:
    """Check the audio (standard input read first), then run the session."""
    if request.mic:
        return await _session(request, settings, display, None)
    if request.source is not None:
        checked = await asyncio.to_thread(_check_audio, request, request.source)
        return await _session(checked, settings, display, request.source)
    async with _stdin_file() as path:
        checked = await asyncio.to_thread(_check_audio, request, path)
        return await _session(checked, settings, display, path)


async def _session(
    request: StreamRequest, settings: Settings, display: LiveDisplay, source: Path | None
) -> str:
    connect = connect_listen_v1 if _kind(request.model) == "listen-v1" else connect_listen_v2
    stream: AsyncStream = connect(request.model, settings, **request.session_options())
    async with stream:
        reader = asyncio.create_task(_show(stream, display))
        try:
            seconds = await _send(stream, request, source)
        except BaseException:
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
            raise
        await reader
        display.streamed(seconds)
        return render(stream.transcript(), request.output_format)


def run_stream(request: StreamRequest, settings: Settings, options: GlobalOptions) -> None:
    """Stream until the audio ends (or Ctrl-C with --mic); write the final transcript."""
    display = LiveDisplay(sys.stderr, enabled=not options.quiet)
    text = asyncio.run(_run(request, settings, display))
    if request.out is not None:
        write_atomic(request.out, text)
        if not options.quiet:
            print(f"wrote {request.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
