"""The asyncio streaming session: a thin loop around the sans-I/O protocol on `websockets`.

One supervisor task owns the connection. Per connection it runs a reader (server frames →
protocol → event queue) and a writer (`_outgoing`: what cannot be written straight from
`send()` waits in a bounded queue for it; keepalives when idle). When the socket ends
abnormally and the policy allows, it reconnects with backoff and lets the protocol resend the
audio no final result covers yet.
"""

from __future__ import annotations

import asyncio
import logging
import urllib.parse
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from cfasr_client.contract.params import StreamNova3Params
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from cfasr_ext._audio_decoder import DEFAULT_CHUNK_SECONDS, pcm16_chunks
from cfasr_ext._config import Settings
from cfasr_ext._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    CfasrError,
    OptionError,
    error_from_response,
)
from cfasr_ext._logging import SecretFilter, redact, register_secrets
from cfasr_ext._version import __version__
from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._collect import transcript_from_finals
from cfasr_ext.streaming._listen_v1 import ListenV1Protocol
from cfasr_ext.streaming._listen_v2 import ListenV2Protocol
from cfasr_ext.streaming._outgoing import Item, Outgoing
from cfasr_ext.streaming._protocol import (
    Frame,
    StreamProtocol,
    StreamState,
)
from cfasr_ext.streaming._reconnect import ReconnectPolicy, reconnect_delay
from cfasr_ext.streaming._stream_errors import StreamClosedError, StreamStateError
from cfasr_ext.transcript import Transcript

__all__ = [
    "DEFAULT_MAX_QUEUED_CHUNKS",
    "AsyncFluxStream",
    "AsyncNova3Stream",
    "AsyncStream",
    "ReconnectPolicy",
]

DEFAULT_MAX_QUEUED_CHUNKS = 32  # ~2.5 s of 80 ms chunks waiting for the socket
_END = object()


_ws_logger = logging.getLogger("cfasr.streaming.websocket")
_ws_logger.addFilter(SecretFilter())


class AsyncStream:
    """A live transcription session. Use `async with`, `send()` audio, iterate events, then
    `close()` (or leave the block) to get every remaining result. Not thread-safe."""

    def __init__(
        self,
        protocol: StreamProtocol,
        settings: Settings,
        *,
        reconnect: ReconnectPolicy | None,
        max_queued_chunks: int = DEFAULT_MAX_QUEUED_CHUNKS,
        close_timeout: float | None = None,
    ) -> None:
        if max_queued_chunks < 1:
            raise OptionError("max_queued_chunks must be at least 1.")
        if reconnect is not None and not protocol.can_resume:
            raise OptionError(
                "reconnect needs raw audio with a known byte rate (encoding='linear16', "
                "'linear32', 'mulaw' or 'alaw' plus sample_rate); pass reconnect=None."
            )
        self._protocol = protocol
        self._settings = settings
        self._reconnect = reconnect
        self._close_timeout = settings.timeout if close_timeout is None else close_timeout
        self._sender = Outgoing(protocol, max_queued_chunks)
        self._outgoing = self._sender.queue  # frames waiting for the writer task
        self._events: asyncio.Queue[object] = asyncio.Queue()
        self._ws: ClientConnection | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._failure: CfasrError | None = None
        self._failure_raised = False
        self._closing = False
        register_secrets(settings.secrets())

    # -- public surface --------------------------------------------------------------------

    @property
    def model(self) -> str:
        return self._protocol.model

    @property
    def state(self) -> StreamState:
        return self._protocol.state

    @property
    def audio_seconds(self) -> float:
        """Seconds of audio sent so far (raw encodings only; 0 otherwise)."""
        return self._protocol.ledger.total_seconds

    async def connect(self) -> Self:
        """Open the WebSocket. Handshake refusals raise the REST error classes (401 →
        `AuthenticationError`, 429 → `RateLimitError`...); network failures `APIConnectionError`."""
        if self._supervisor is not None:
            raise StreamStateError("this stream is already connected; open a new one.")
        ws = await self._open()
        self._ws = ws
        self._protocol.connection_made(self._now())
        self._sender.open(ws)
        self._supervisor = asyncio.create_task(self._run(ws), name=f"cfasr-stream {self.model}")
        return self

    async def __aenter__(self) -> Self:
        return await self.connect()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            await self.close()
        else:
            await self.abort()

    async def send(self, chunk: bytes | bytearray | memoryview) -> None:
        """Send one audio chunk: written now if the socket can take it, else queued behind the
        earlier ones. Waits while the socket's buffer and the queue are full (back-pressure)."""
        supervisor = self._supervisor
        if supervisor is None or self._closing or self._failure is not None or supervisor.done():
            supervisor = self._check_usable("send audio")  # raises the error that fits
        # bytes(): the ledger keeps the chunk for a resend, so it must not change under it.
        if len(chunk) and not await self._sender.audio(bytes(chunk), supervisor):
            self._raise_ended()

    async def send_file(
        self,
        path: str | Path | IO[bytes],
        *,
        realtime: bool = False,
        chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
    ) -> float:
        """Decode any audio file (a path, or a seekable binary file; PyAV, the `audio` extra)
        to linear16 at the session's sample rate and send it in ~80 ms chunks, paced in real
        time or as fast as the server takes them. Returns the seconds of audio sent. Does not
        close the stream.

        A stream opened with `channels=N` (e.g. `channels=2, multichannel=True` for a stereo
        call) gets the file's N channels interleaved; the file must have N channels."""
        options = self._protocol.options
        sample_rate = options.sample_rate
        channels = options.effective().channels if isinstance(options, StreamNova3Params) else 1
        if options.encoding != "linear16" or sample_rate is None:
            raise OptionError(
                "send_file sends linear16: open the stream with encoding='linear16' and "
                "sample_rate=16000 (or another rate)."
            )
        self._check_usable("send audio")
        chunks = pcm16_chunks(
            path, sample_rate=sample_rate, chunk_seconds=chunk_seconds, channels=channels
        )
        started = self._now()
        sent = 0.0
        while batch := await asyncio.to_thread(_take, chunks, 25):
            for chunk in batch:
                if realtime:
                    delay = started + sent - self._now()
                    if delay > 0:
                        await asyncio.sleep(delay)
                await self.send(chunk)
                sent += len(chunk) / (2 * channels * sample_rate)
        return sent

    async def close(self) -> None:
        """Send CloseStream and wait until the server has sent every remaining result and
        closed; raise the stream's error if it failed. Events stay available to iterate."""
        supervisor = self._require_connected()
        if not self._closing and not supervisor.done():
            self._closing = True
            await self._enqueue(("close", None))
        try:
            await asyncio.wait_for(asyncio.shield(supervisor), self._close_timeout)
        except TimeoutError:
            await self.abort()
            raise APITimeoutError(
                f"the server did not finish the stream within {self._close_timeout} s of "
                "CloseStream; pass a larger close_timeout= for long backlogs."
            ) from None
        if self._failure is not None:
            raise self._failure

    async def abort(self) -> None:
        """Drop the connection now without waiting for results (used on exceptions)."""
        self._closing = True
        if self._supervisor is not None and not self._supervisor.done():
            self._supervisor.cancel()
            await asyncio.gather(self._supervisor, return_exceptions=True)
        if self._ws is not None:
            await self._ws.close()
        self._events.put_nowait(_END)

    def transcript(self) -> Transcript:
        """The transcript of every final result received so far, on one timeline."""
        duration = self._protocol.ledger.total_seconds or None
        return transcript_from_finals(self._protocol.finals, model=self.model, duration=duration)

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> ev.StreamEvent:
        self._require_connected()
        item = await self._events.get()
        if item is _END:
            self._events.put_nowait(_END)
            if self._failure is not None and not self._failure_raised:
                self._failure_raised = True
                raise self._failure
            raise StopAsyncIteration
        return item  # type: ignore[return-value]

    # -- helpers used by the model-specific subclasses and the sync twin ----------------------

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    def _require_connected(self) -> asyncio.Task[None]:
        if self._supervisor is None:
            raise StreamStateError("the stream is not connected; use `async with` or connect().")
        return self._supervisor

    def _check_usable(self, what: str) -> asyncio.Task[None]:
        supervisor = self._require_connected()
        if self._failure is not None:
            raise self._failure
        if self._closing or supervisor.done():
            raise StreamStateError(f"cannot {what}: the stream is closing or closed.")
        return supervisor

    async def _enqueue(self, item: Item) -> None:
        if not await self._sender.put(item, self._require_connected()):
            self._raise_ended()

    def _raise_ended(self) -> None:
        if self._failure is not None:
            raise self._failure
        raise StreamStateError("the stream ended while audio was waiting to be sent.")

    async def _drain_events(self) -> list[ev.StreamEvent]:
        """Events not yet iterated (used by the sync twin before it stops its loop)."""
        items: list[ev.StreamEvent] = []
        while not self._events.empty():
            item = self._events.get_nowait()
            if item is not _END:
                items.append(item)  # type: ignore[arg-type]
        return items

    # -- connection machinery --------------------------------------------------------------

    async def _open(self) -> ClientConnection:
        url, headers = self._protocol.request(self._settings)
        host = urllib.parse.urlsplit(url).netloc
        try:
            return await ws_connect(
                url,
                additional_headers=headers,
                user_agent_header=f"cfasr/{__version__}",
                open_timeout=self._settings.timeout,
                ping_interval=self._settings.ws_ping_interval,
                ping_timeout=self._settings.ws_ping_timeout,
                close_timeout=_close_timeout(self._settings),
                compression=None,  # audio does not deflate; it only costs CPU
                logger=_ws_logger,
            )
        except InvalidStatus as exc:
            response = exc.response
            raise error_from_response(
                response.status_code,
                bytes(response.body or b""),
                dict(response.headers.raw_items()),
            ) from None
        except TimeoutError:
            raise APITimeoutError(
                f"no WebSocket handshake with {host} within {self._settings.timeout} s."
            ) from None
        except (OSError, InvalidHandshake, InvalidURI) as exc:
            raise APIConnectionError(
                f"could not open the WebSocket to {host}: {redact(str(exc))}"
            ) from None

    async def _run(self, ws: ClientConnection) -> None:
        resend: list[Frame] = []
        try:
            while True:
                error = await self._pump(ws, resend)
                if error is None:
                    return
                ws, resend = await self._recover(error)
                self._ws = ws
        except CfasrError as exc:
            self._failure = exc
        except Exception as exc:  # a bug or an unexpected library error: never hang the user
            self._failure = APIConnectionError(f"the stream failed unexpectedly: {exc!r}")
        finally:
            self._events.put_nowait(_END)

    async def _pump(self, ws: ClientConnection, resend: list[Frame]) -> StreamClosedError | None:
        reader = asyncio.create_task(self._read(ws))
        writer = asyncio.create_task(self._sender.run(ws, resend))
        try:
            await asyncio.wait({reader, writer}, return_when=asyncio.FIRST_COMPLETED)
            if writer.done() and not reader.done():
                problem = writer.exception()
                if problem is not None and not isinstance(problem, ConnectionClosed):
                    raise problem
                await reader  # the reader sees the same close and reports it
            return reader.result()
        except BaseException:
            reader.cancel()
            await ws.close()
            raise
        finally:
            self._sender.close()
            writer.cancel()
            await asyncio.gather(writer, return_exceptions=True)

    async def _read(self, ws: ClientConnection) -> StreamClosedError | None:
        while True:
            try:
                message = await ws.recv()
            except ConnectionClosed as exc:
                code = exc.rcvd.code if exc.rcvd is not None else None
                reason = exc.rcvd.reason if exc.rcvd is not None else ""
                return self._protocol.connection_lost(code, reason)
            for event in self._protocol.receive(message):
                self._events.put_nowait(event)

    async def _recover(self, error: StreamClosedError) -> tuple[ClientConnection, list[Frame]]:
        policy = self._reconnect
        if policy is None or not error.retryable or not self._protocol.can_resume:
            raise error
        last: CfasrError = error
        delay = policy.delay(1)
        for attempt in range(1, policy.max_attempts + 1):
            self._events.put_nowait(ev.Reconnecting(attempt=attempt, delay=delay, error=last))
            await asyncio.sleep(delay)
            try:
                ws = await self._open()
            except (APIStatusError, APIConnectionError) as exc:
                next_delay = reconnect_delay(exc, policy.delay(attempt + 1))
                if next_delay is None:
                    raise
                last, delay = exc, next_delay
                continue
            frames = self._protocol.resume(self._now())
            ledger = self._protocol.ledger
            self._events.put_nowait(
                ev.Reconnected(
                    attempt=attempt,
                    offset=self._protocol.offset,
                    resent_seconds=ledger.buffered_seconds,
                    lossless=ledger.lossless,
                )
            )
            return ws, frames
        raise last


def _take(chunks: Any, count: int) -> list[bytes]:
    """Up to `count` chunks from a blocking iterator (run in a worker thread)."""
    batch: list[bytes] = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= count:
            break
    return batch


class AsyncNova3Stream(AsyncStream):
    """A nova-3 (or nova-3-internal) session: Deepgram v1 `listen`."""

    _protocol: ListenV1Protocol

    async def finalize(self, *, channel: int | None = None) -> None:
        """Ask the server to flush what it has buffered now (results carry from_finalize)."""
        self._check_usable("finalize")
        await self._enqueue(("text", self._protocol.finalize(self._now(), channel)))


class AsyncFluxStream(AsyncStream):
    """A flux session: Deepgram v2 `listen` with turn events."""

    _protocol: ListenV2Protocol

    async def configure(
        self,
        *,
        eager_eot_threshold: float | None = None,
        eot_threshold: float | None = None,
        eot_timeout_ms: int | None = None,
        keyterms: list[str] | None = None,
    ) -> None:
        """Change turn thresholds or keyterms mid-stream; answered by ConfigureSuccess/Failure."""
        self._check_usable("configure")
        frame = self._protocol.configure(
            self._now(),
            eager_eot_threshold=eager_eot_threshold,
            eot_threshold=eot_threshold,
            eot_timeout_ms=eot_timeout_ms,
            keyterms=keyterms,
        )
        await self._enqueue(("text", frame))

    async def force_end_turn(self) -> None:
        """End the current turn now; the server answers EndOfTurn (trigger "manual")."""
        self._check_usable("force the end of the turn")
        await self._enqueue(("text", self._protocol.force_end_turn(self._now())))


_WEBSOCKETS_CLOSE_TIMEOUT = 10.0


def _close_timeout(settings: Settings) -> float:
    """How long to wait for the peer's side of the closing handshake. A peer silent that long
    is as dead as one that misses a pong, so the ping timeout bounds it too (never above
    websockets' own 10 s)."""
    if settings.ws_ping_timeout is None:
        return _WEBSOCKETS_CLOSE_TIMEOUT
    return min(settings.ws_ping_timeout, _WEBSOCKETS_CLOSE_TIMEOUT)
