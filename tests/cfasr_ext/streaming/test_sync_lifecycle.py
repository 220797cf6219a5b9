"""The blocking twin owns a thread and an event loop: they exist only while a session is open,
end on every way out, and a reader thread racing the closing thread neither hangs nor crashes.

Runs against the emulator in skip mode (no recognition), through the public client.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator

import pytest

import cfasr_ext
from cfasr_ext.streaming import Metadata, StreamStateError
from cfasr_ext.streaming._sync_session import Nova3Stream
from tests.cfasr_ext.streaming.conftest import WAIT_SECONDS, stream_threads

pytest.importorskip("cfasr_emulator.ws")
from cfasr_emulator.testing import EmulatorHandle, run_emulator

SILENCE = b"\0\0" * 1280  # 80 ms of 16 kHz linear16


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as handle:
        yield handle


@pytest.fixture
def client(emulator: EmulatorHandle) -> Iterator[cfasr_ext.Client]:
    with cfasr_ext.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        yield client


def open_stream(client: cfasr_ext.Client) -> Nova3Stream:
    return client.nova_3.stream(encoding="linear16", sample_rate=16000)


def in_thread(target: Callable[[], None], timeout: float) -> threading.Thread:
    """Run `target` in a daemon thread and return it once it ended (or `timeout` passed)."""
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    return thread


def read_all(stream: Nova3Stream, sink: list[object], failures: list[BaseException]) -> None:
    try:
        sink.extend(stream)
    except BaseException as exc:
        failures.append(exc)


def test_a_reader_thread_and_the_closing_thread_end_the_stream_together(
    client: cfasr_ext.Client,
) -> None:
    """The reviewer's repro: rounds used to hang or raise AttributeError ('fileno')."""
    failures: list[BaseException] = []
    rounds_done = 0

    def rounds() -> None:
        nonlocal rounds_done
        for _ in range(40):
            events: list[object] = []
            with open_stream(client) as stream:
                reader = threading.Thread(
                    target=read_all, args=(stream, events, failures), daemon=True
                )
                reader.start()
                for _ in range(5):
                    stream.send(SILENCE)
            reader.join(WAIT_SECONDS)
            assert not reader.is_alive(), "the reader thread hung after the stream closed"
            # each event arrives once, on one side or the other, and Metadata comes last
            assert isinstance([*events, *stream][-1], Metadata)
            rounds_done += 1

    def guarded() -> None:
        try:
            rounds()
        except BaseException as exc:
            failures.append(exc)

    runner = in_thread(guarded, 6 * WAIT_SECONDS)  # 40 rounds take ~2 s
    assert not runner.is_alive(), f"hung after {rounds_done} rounds"
    assert failures == []
    assert rounds_done == 40
    assert stream_threads() == []


def test_connect_send_close_leaves_no_thread_behind(client: cfasr_ext.Client) -> None:
    warm = open_stream(client)
    warm.connect()
    warm.close()  # the emulator's own pools are warm now; only our threads can differ
    baseline = threading.active_count()
    closed = []
    for _ in range(3):
        stream = open_stream(client)
        stream.connect()
        stream.send(SILENCE)
        stream.close()
        closed.append(stream)
    assert stream_threads() == []
    assert threading.active_count() == baseline
    for stream in closed:  # and every result stays readable without the loop
        assert isinstance(list(stream)[-1], Metadata)


def test_a_stream_created_and_dropped_never_starts_a_thread(client: cfasr_ext.Client) -> None:
    baseline = threading.active_count()
    stream = open_stream(client)
    assert stream_threads() == []
    del stream
    gc.collect()
    assert threading.active_count() == baseline


def test_a_connected_stream_that_is_dropped_is_stopped_by_its_finalizer(
    client: cfasr_ext.Client,
) -> None:
    stream = open_stream(client)
    stream.connect()
    assert len(stream_threads()) == 1
    loop_thread = stream_threads()[0]
    del stream
    gc.collect()
    loop_thread.join(WAIT_SECONDS)
    assert not loop_thread.is_alive()


def _with_block(stream: Nova3Stream) -> None:
    with stream:
        stream.send(SILENCE)


def _connect_close(stream: Nova3Stream) -> None:
    stream.connect()
    stream.send(SILENCE)
    stream.close()


def _abort(stream: Nova3Stream) -> None:
    stream.connect()
    stream.send(SILENCE)
    stream.abort()


def _raise_inside(stream: Nova3Stream) -> None:
    with stream:
        stream.send(SILENCE)
        raise KeyError("the caller's own error")


def _error_in_block(stream: Nova3Stream) -> None:
    with pytest.raises(KeyError):
        _raise_inside(stream)


def _close_then_exit(stream: Nova3Stream) -> None:
    with stream:
        stream.send(SILENCE)
        stream.close()
        stream.close()  # idempotent


def _iterate_to_the_end_inside(stream: Nova3Stream) -> None:
    with stream:
        stream.send(SILENCE)
        stream.finalize()
        threading.Timer(0.05, stream.close).start()
        assert isinstance(list(stream)[-1], Metadata)


@pytest.mark.parametrize(
    "end",
    [
        _with_block,
        _connect_close,
        _abort,
        _error_in_block,
        _close_then_exit,
        _iterate_to_the_end_inside,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_every_way_out_stops_the_thread_and_closes_the_loop(
    client: cfasr_ext.Client,
    end: Callable[[Nova3Stream], None],
) -> None:
    stream = open_stream(client)
    end(stream)
    assert stream_threads() == []
    assert stream._runner is None or stream._runner.loop.is_closed()
    with pytest.raises(StreamStateError):
        stream.send(SILENCE)
    list(stream)  # what is left stays readable, and reading it ends


def test_a_stream_used_before_connecting_says_so_without_a_thread(
    client: cfasr_ext.Client,
) -> None:
    stream = open_stream(client)
    with pytest.raises(StreamStateError, match="not connected"):
        stream.send(SILENCE)
    with pytest.raises(StreamStateError, match="not connected"):
        next(iter(stream))
    assert stream_threads() == []


def test_a_closed_stream_cannot_be_reopened(client: cfasr_ext.Client) -> None:
    stream = open_stream(client)
    with stream:
        stream.send(SILENCE)
    with pytest.raises(StreamStateError, match="closed"):
        stream.connect()
    assert stream_threads() == []


def test_aborting_a_stream_that_never_connected_starts_nothing(client: cfasr_ext.Client) -> None:
    stream = open_stream(client)
    stream.abort()
    assert stream_threads() == []
    assert list(stream) == []
