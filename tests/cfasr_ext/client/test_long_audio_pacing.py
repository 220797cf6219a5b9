"""A 5-minute recording with `chunking=True, max_workers=4` against an emulator that refuses
(429) and fails (503) some piece calls (issue 29, item 8): the job succeeds, no finished piece
is sent again, and concurrency drops after a 429.

A recording transport (an httpx transport seam of the client, wrapping the real one to the
real emulator) logs each attempt's start with how many were in flight, and its end with its
status; a piece is known by its body. Successful calls are slowed with the emulator's
``delay`` fault so the 429s come back while the other pieces are still in flight. Nothing is
timed: the assertions count attempts and starts.
"""

from __future__ import annotations

import hashlib
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest

import cfasr_ext
from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext._long_audio import PIECE_ROUNDS
from tests.support.emulators import DATA, FAST_RETRIES, install_faults, suite_emulator

MINUTES = 5
# Call numbers are given out in arrival order; the first matching rule wins. Calls 2-4 are
# refused with no Retry-After wait, so a client that retries them in place sends them again
# at once; calls 8-10 fail (503), enough to exhaust one piece's own retries.
RULES = (
    "runWhisper@2:429;retry-after=0",
    "runWhisper@3:429;retry-after=0",
    "runWhisper@4:429;retry-after=0",
    "runWhisper@8:503",
    "runWhisper@9:503",
    "runWhisper@10:503",
    "runWhisper@1+:delay=2",
)


@attrs.frozen
class Attempt:
    piece: str
    in_flight: int
    """Attempts in flight when this one started, itself included."""
    status: int | None = None
    """None for a start, the status for an end."""


class _Log:
    def __init__(self) -> None:
        self.events: list[Attempt] = []
        self._in_flight = 0
        self._lock = threading.Lock()

    def started(self, body: bytes) -> str:
        piece = hashlib.sha256(body).hexdigest()[:12]
        with self._lock:
            self._in_flight += 1
            self.events.append(Attempt(piece, self._in_flight))
        return piece

    def ended(self, piece: str, status: int) -> None:
        with self._lock:
            self._in_flight -= 1
            self.events.append(Attempt(piece, self._in_flight, status))


class RecordingTransport(httpx.BaseTransport):
    def __init__(self, log: _Log) -> None:
        self._inner = httpx.HTTPTransport()
        self._log = log

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        piece = self._log.started(request.read())
        status = 0
        try:
            response = self._inner.handle_request(request)
            response.read()
            status = response.status_code
            return response
        finally:
            self._log.ended(piece, status)

    def close(self) -> None:
        self._inner.close()


class AsyncRecordingTransport(httpx.AsyncBaseTransport):
    def __init__(self, log: _Log) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._log = log

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        piece = self._log.started(await request.aread())
        status = 0
        try:
            response = await self._inner.handle_async_request(request)
            await response.aread()
            status = response.status_code
            return response
        finally:
            self._log.ended(piece, status)

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.fixture(scope="module")
def five_minutes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The weather sentence with 1 s of silence after it, repeated to five minutes."""
    with wave.open(str(DATA / "weather_park.wav")) as source:
        speech = source.readframes(source.getnframes())
    sentence = speech + b"\x00\x00" * 16000
    repeats = MINUTES * 60 * 16000 * 2 // len(sentence) + 1
    path = tmp_path_factory.mktemp("five") / "five.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(sentence * repeats)
    return path


@pytest.fixture
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator() as emu:
        install_faults(emu, *RULES)
        yield emu


def _client_kwargs(emu: EmulatorHandle) -> dict[str, Any]:
    return {
        "api_token": emu.token,
        "account_id": emu.account_id,
        "base_url": emu.base_url,
        "rate_limiter": cfasr_ext.RateLimiter(1_000_000),
        "retry_policy": FAST_RETRIES,
    }


def _check(log: _Log, transcript: cfasr_ext.Transcript) -> None:
    starts = [e for e in log.events if e.status is None]
    ends = [e for e in log.events if e.status is not None]
    assert {e.status for e in ends} == {200, 429, 503}, ends  # every fault was met
    finished = [e.piece for e in ends if e.status == 200]
    assert len(finished) == len(set(finished)), "a piece was transcribed twice"
    pieces = {e.piece for e in starts}
    assert set(finished) == pieces, "a piece was never transcribed"
    # No piece is sent again once it has been transcribed.
    done: set[str] = set()
    for event in log.events:
        assert event.piece not in done or event.status is not None, f"{event.piece} resent"
        if event.status == 200:
            done.add(event.piece)
    # Concurrency drops after a 429: until the next success, attempts start only while at
    # most 2 are in flight (half of 4), with one more allowed for a piece that started as
    # the 429 was on its way back. Before, a refused piece was sent again at once in the slot
    # it held, next to the 3 others still in flight: 4.
    first_429 = next(i for i, e in enumerate(log.events) if e.status == 429)
    next_success = next(i for i, e in enumerate(log.events) if i > first_429 and e.status == 200)
    between = [e for e in log.events[first_429:next_success] if e.status is None]
    assert all(e.in_flight <= 3 for e in between), log.events[: next_success + 1]
    assert max(e.in_flight for e in starts) == 4  # max_workers was used before the 429
    assert (transcript.duration or 0.0) >= MINUTES * 60


def test_five_minutes_survive_429_and_503_without_resending_finished_pieces(
    emulator: EmulatorHandle, five_minutes: Path
) -> None:
    log = _Log()
    with cfasr_ext.Client(transport=RecordingTransport(log), **_client_kwargs(emulator)) as client:
        transcript = client.transcribe(five_minutes, model="whisper", chunking=True, max_workers=4)
    _check(log, transcript)


async def test_async_five_minutes_survive_429_and_503_without_resending_finished_pieces(
    emulator: EmulatorHandle, five_minutes: Path
) -> None:
    log = _Log()
    async with cfasr_ext.AsyncClient(
        transport=AsyncRecordingTransport(log), **_client_kwargs(emulator)
    ) as client:
        transcript = await client.transcribe(
            five_minutes, model="whisper", chunking=True, max_workers=4
        )
    _check(log, transcript)


def test_a_piece_that_fails_past_the_clients_retries_is_queued_again(
    five_minutes: Path,
) -> None:
    """Without retries of its own (max_retries=0) the client meets a 503 on call 3: before,
    the whole job failed and the finished pieces were lost; now the piece goes round again."""
    with suite_emulator() as emu:
        faults = install_faults(emu, "runWhisper@3:503")
        log = _Log()
        with cfasr_ext.Client(
            transport=RecordingTransport(log), max_retries=0, **_client_kwargs(emu)
        ) as client:
            transcript = client.transcribe(five_minutes, model="whisper", chunking=True)
    pieces = {e.piece for e in log.events}
    finished = [e.piece for e in log.events if e.status == 200]
    assert sorted(finished) == sorted(pieces)  # each piece transcribed exactly once
    assert faults.calls("runWhisper") == len(pieces) + 1  # only the failed one was resent
    assert (transcript.duration or 0.0) >= MINUTES * 60


def test_pieces_that_keep_failing_raise_with_the_finished_ones(five_minutes: Path) -> None:
    """Every call from the 5th fails: the 4 finished pieces come back in the error's
    transcript, with the failed pieces' spans, after `PIECE_ROUNDS` sends of each."""
    with suite_emulator() as emu:
        install_faults(emu, "runWhisper@5+:503")
        log = _Log()
        with (
            cfasr_ext.Client(
                transport=RecordingTransport(log), max_retries=0, **_client_kwargs(emu)
            ) as client,
            pytest.raises(cfasr_ext.PartialTranscriptError) as raised,
        ):
            client.transcribe(five_minutes, model="whisper", chunking=True, max_workers=1)
    error = raised.value
    pieces = {e.piece for e in log.events}
    finished = [e.piece for e in log.events if e.status == 200]
    assert len(finished) == 4
    assert len(error.failed) == len(pieces) - 4
    assert len(error.errors) == len(error.failed)
    assert all(isinstance(e, cfasr_ext.InternalServerError) for e in error.errors)
    assert isinstance(error.__cause__, cfasr_ext.InternalServerError)
    starts = [e for e in log.events if e.status is None]
    assert len(starts) == 4 + PIECE_ROUNDS * len(error.failed)
    # The finished pieces are the first 4 (one worker: in order); the failed ones follow
    # them back to back to the end of the recording (skip mode hears no words to check).
    assert error.failed[0][0] > 0
    assert all(
        a[1] == pytest.approx(b[0]) for a, b in zip(error.failed, error.failed[1:], strict=False)
    )
    assert error.failed[-1][1] == pytest.approx(error.transcript.duration, abs=0.01)


def test_each_piece_gets_a_timeout_scaled_to_its_audio(tmp_path: Path) -> None:
    """A server that answers each piece after 2 s, and a client timeout of 1 s: a piece of
    ~6 s of audio gets `piece_timeout` (24 s) instead, so none times out (before: every
    attempt did and the call failed)."""
    path = tmp_path / "twelve.wav"
    with wave.open(str(DATA / "weather_park.wav")) as source:
        speech = source.readframes(source.getnframes())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((speech + b"\x00\x00" * 16000) * 3)
    with suite_emulator() as emu:
        install_faults(emu, "runWhisper@1+:delay=2")
        log = _Log()
        with cfasr_ext.Client(
            transport=RecordingTransport(log), max_retries=0, timeout=1.0, **_client_kwargs(emu)
        ) as client:
            client.transcribe(path, model="whisper", chunking=200_000, max_workers=2)
    ends = [e.status for e in log.events if e.status is not None]
    assert len(ends) >= 2
    assert ends == [200] * len(ends)  # no attempt timed out (a timeout is logged as 0)
