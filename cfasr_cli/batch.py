"""`cfasr transcribe`: many recordings, N at a time, each written atomically when done.

Transcripts for standard output are printed in input order (so several JSON documents in a
row stay readable by `jq`), each as soon as every earlier one is out. An error that will hit
every remaining file as well (refused token, unknown account, unreachable server, daily
limit) stops the run instead of repeating the same request for each file.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TextIO

from cfasr_cli.error_lines import describe_error
from cfasr_cli.inputs import InputFile
from cfasr_cli.outputs import OutputFormat, is_complete, render, write_atomic
from cfasr_cli.report import BatchProgress, FileOutcome
from cfasr_ext import (
    APIConnectionError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ProgressCallback,
    RateLimitError,
)
from cfasr_ext.transcript import Transcript

__all__ = ["is_fatal", "run_batch"]

_INTERRUPT_POLL_S = 0.1


@contextlib.contextmanager
def _interrupt_flag() -> Iterator[threading.Event]:
    """Ctrl-C sets a flag instead of raising wherever the main thread happens to be.

    Raised inside `concurrent.futures.wait`, KeyboardInterrupt can land between a lock's
    acquire and release and come out as "RuntimeError: release unlocked lock" (seen on a busy
    machine); the loop below checks the flag between waits and raises it from a safe point.
    """
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield interrupted
        return

    def on_sigint(_signum: int, _frame: object) -> None:
        interrupted.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


def is_fatal(error: BaseException) -> bool:
    """True for errors that every other file of the run would hit too."""
    if isinstance(error, RateLimitError):
        return error.is_daily_limit
    return isinstance(
        error, AuthenticationError | PermissionDeniedError | NotFoundError | APIConnectionError
    )


def _audio_seconds(transcript: Transcript) -> float | None:
    if transcript.duration is not None:
        return transcript.duration
    return transcript.words[-1].end if transcript.words else None


def _size(item: InputFile, stdin_audio: bytes | None) -> int:
    if item.path is None:
        return len(stdin_audio or b"")
    try:
        return item.path.stat().st_size
    except OSError:
        return 0


def run_batch(
    inputs: list[InputFile],
    outputs: list[Path | None],
    *,
    transcribe: Callable[[Path | bytes, ProgressCallback | None], Transcript],
    output_format: OutputFormat,
    concurrency: int,
    resume: bool,
    progress: BatchProgress,
    stdout: TextIO,
    stdin_audio: bytes | None = None,
) -> list[FileOutcome]:
    """Transcribe `inputs` into `outputs` (None = `stdout`); one outcome per input, in order."""
    outcomes: dict[int, FileOutcome] = {}
    printed: dict[int, str] = {}
    next_to_print = 0
    todo: list[int] = []
    for index, (item, output) in enumerate(zip(inputs, outputs, strict=True)):
        if resume and output is not None and is_complete(output, output_format):
            outcomes[index] = FileOutcome(item, "skipped", output=output)
            progress.advance(_size(item, stdin_audio), None)
        else:
            todo.append(index)

    def job(index: int) -> str:
        item, output = inputs[index], outputs[index]
        audio: Path | bytes = item.path if item.path is not None else (stdin_audio or b"")
        transcript = transcribe(audio, progress.file_reporter(item.label))
        text = render(transcript, output_format)
        if output is not None:
            write_atomic(output, text)
        outcomes[index] = FileOutcome(item, "done", _audio_seconds(transcript), output)
        return text

    stop_reason: str | None = None
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="cfasr")
    try:
        with _interrupt_flag() as interrupted:
            running: dict[Future[str], int] = {pool.submit(job, i): i for i in todo}
            while running:
                finished, _ = wait(running, _INTERRUPT_POLL_S, FIRST_COMPLETED)
                if interrupted.is_set():
                    raise KeyboardInterrupt
                for future in finished:
                    index = running.pop(future)
                    item = inputs[index]
                    if future.cancelled():
                        reason = f"not attempted: {stop_reason}"
                        outcomes[index] = FileOutcome(item, "failed", reason=reason)
                        continue
                    error = future.exception()
                    if error is not None:
                        reason = describe_error(error)
                        outcomes[index] = FileOutcome(item, "failed", reason=reason)
                        if is_fatal(error) and stop_reason is None:
                            stop_reason = f"stopped after {item.label} failed"
                            for pending in running:
                                pending.cancel()
                    elif outputs[index] is None:
                        printed[index] = future.result()
                    progress.advance(_size(item, stdin_audio), outcomes[index].audio_seconds)
                while next_to_print < len(inputs) and next_to_print in outcomes:
                    text = printed.pop(next_to_print, None)
                    if text is not None:
                        stdout.write(text)
                        stdout.flush()
                    next_to_print += 1
    except BaseException:
        # Ctrl-C: drop the queued files instead of sending every one of them first.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [outcomes[i] for i in range(len(inputs))]
