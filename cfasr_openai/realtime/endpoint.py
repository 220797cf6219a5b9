"""`/v1/realtime?intent=transcription`: the WebSocket endpoint, a thin loop around the
translator (`translator.py`) and one SDK stream (nova-3 or flux) per session.

The upstream stream opens with the first audio, so `session.update` can still choose the
engine; it runs with the SDK's lossless reconnect (raw PCM: the audio no final result covers
yet is resent), so a dropped Workers AI connection costs no word. The client's audio is
converted in a worker thread (`audio.py`). A client that goes away, or a session that times
out, aborts the upstream stream at once: nothing stays open, or billed, behind it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

from cfasr_ext import (
    AsyncClient,
    AsyncFluxStream,
    AsyncNova3Stream,
    CfasrError,
    connect_flux,
    connect_nova3,
)
from cfasr_ext.internal import FLUX

from ..config import GatewayConfig
from ..errors import OpenAIError, from_cfasr_error
from . import events as ev
from .audio import AudioConverter, input_bytes_per_ms
from .auth import authorise
from .session_config import ServerVad, SessionConfig, update
from .translator import Translator

__all__ = ["realtime_endpoint"]

logger = logging.getLogger("cfasr_openai")

_UPDATES = {"session.update": "session.updated", "transcription_session.update": None}
_CLIENT_EVENTS = (
    *_UPDATES,
    "input_audio_buffer.append",
    "input_audio_buffer.commit",
    "input_audio_buffer.clear",
)
_GOING_AWAY = 1001
_INTERNAL = 1011


class _Closed(Exception):
    """The session ends: the client left, or it was closed after an `error` event."""


def _problem_from(error: OpenAIError, *, fatal: bool) -> ev.RealtimeProblem:
    return ev.RealtimeProblem(
        error.message, code=error.code or "upstream_error", type=error.type, fatal=fatal
    )


class _Session:
    """One client's session. Not shared: every connection gets its own."""

    def __init__(self, websocket: WebSocket, client: AsyncClient, config: GatewayConfig) -> None:
        self._ws = websocket
        self._client = client
        self._limits = config
        self._id = ev.new_id("sess")
        self._config = SessionConfig()
        self._lock = asyncio.Lock()
        self._stream: AsyncNova3Stream | AsyncFluxStream | None = None
        self._pump: asyncio.Task[None] | None = None
        self._converter: AudioConverter | None = None
        self._translator: Translator | None = None
        self._uncommitted_bytes = 0
        self._ended: ev.RealtimeProblem | None = None
        self._active = 0.0
        """When the session last moved (a client event, or an event sent to the client): a
        client waiting for the transcript of audio it sent is not idle."""

    async def send(self, event: ev.Event) -> None:
        self._active = asyncio.get_running_loop().time()
        async with self._lock:
            try:
                await self._ws.send_text(json.dumps(event, ensure_ascii=False))
            except (WebSocketDisconnect, RuntimeError, OSError) as exc:
                raise _Closed from exc

    async def end(self, problem: ev.RealtimeProblem, code: int) -> None:
        """Send `error`, then close the socket with `code`."""
        with contextlib.suppress(_Closed):
            await self.send(ev.error(problem))
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
            await self._ws.close(code, problem.code)
        raise _Closed

    # -- the loop ----------------------------------------------------------------------------

    async def run(self, model: str | None) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._limits.realtime_max_session_s
        try:
            if model:
                try:
                    self._config = update(
                        self._config,
                        {"audio": {"input": {"transcription": {"model": model}}}},
                        beta=False,
                    )
                except ev.RealtimeProblem as problem:
                    await self.send(ev.error(problem))
            await self.send(self._session_event("session.created"))
            while True:
                message = await self._receive(deadline)
                try:
                    await self._handle(message)
                except ev.RealtimeProblem as problem:
                    if problem.fatal:
                        await self.end(problem, _INTERNAL)
                    await self.send(ev.error(problem))
        except _Closed:
            pass
        finally:
            await self._release()

    async def _receive(self, deadline: float) -> str:
        loop = asyncio.get_running_loop()
        idle = self._limits.realtime_idle_timeout_s
        self._active = loop.time()
        while True:
            now = loop.time()
            if now >= deadline:
                await self._expire()
            if now - self._active >= idle:
                await self.end(
                    ev.RealtimeProblem(
                        f"No client event for {idle:g} s: the session is closed.",
                        code="idle_timeout",
                    ),
                    _GOING_AWAY,
                )
            wait = min(deadline, self._active + idle) - now
            try:
                message = await asyncio.wait_for(self._ws.receive(), wait)
                break
            except TimeoutError:
                continue
        if message["type"] == "websocket.disconnect":
            raise _Closed
        if self._ended is not None:  # the upstream stream failed while we waited
            await self.end(self._ended, _INTERNAL)
        text = message.get("text")
        if text is None:
            raise ev.RealtimeProblem(
                "Client events are JSON text frames, not binary.", code="invalid_value"
            )
        return str(text)

    async def _expire(self) -> None:
        limit = self._limits.realtime_max_session_s
        await self.end(
            ev.RealtimeProblem(
                f"Your session hit the maximum duration of {limit:g} seconds.",
                code="session_expired",
            ),
            _GOING_AWAY,
        )

    async def _handle(self, text: str) -> None:
        try:
            event = json.loads(text)
        except ValueError:
            raise ev.RealtimeProblem(
                "The client event is not valid JSON.", code="invalid_json"
            ) from None
        if not isinstance(event, dict):
            raise ev.RealtimeProblem("A client event is a JSON object.", code="invalid_json")
        kind = event.get("type")
        event_id = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        try:
            await self._dispatch(kind, event)
        except ev.RealtimeProblem as problem:
            problem.event_id = event_id
            raise

    async def _dispatch(self, kind: object, event: dict[str, Any]) -> None:
        if kind in _UPDATES:
            await self._update(event, beta=kind == "transcription_session.update")
        elif kind == "input_audio_buffer.append":
            await self._append(event.get("audio"))
        elif kind == "input_audio_buffer.commit":
            await self._commit()
        elif kind == "input_audio_buffer.clear":
            await self._clear()
        else:
            raise ev.RealtimeProblem(
                f"Invalid value: {kind!r}. Supported values are: "
                f"{', '.join(map(repr, _CLIENT_EVENTS))}.",
                code="invalid_value",
                param="type",
            )

    # -- client events -----------------------------------------------------------------------

    def _session_event(self, kind: str) -> ev.Event:
        if self._config.beta:
            kind = "transcription_session" + kind.removeprefix("session")
        return {
            "type": kind,
            "event_id": ev.new_id("event"),
            "session": self._config.to_json(self._id),
        }

    async def _update(self, event: dict[str, Any], *, beta: bool) -> None:
        updated = update(self._config, event.get("session"), beta=beta)
        if self._stream is not None and (
            updated.engine != self._config.engine
            or updated.upstream_options() != self._config.upstream_options()
            or updated.audio_format != self._config.audio_format
        ):
            raise ev.RealtimeProblem(
                "The audio format, model, language and turn detection are fixed once audio "
                "was appended; open a new session to change them.",
                code="invalid_value",
                param="session",
            )
        self._config = updated
        await self.send(self._session_event("session.updated"))

    async def _append(self, audio: object) -> None:
        if not isinstance(audio, str):
            raise ev.RealtimeProblem(
                "`audio` must be base64-encoded audio.", code="invalid_type", param="audio"
            )
        try:
            data = base64.b64decode(audio, validate=True)
        except (binascii.Error, ValueError):
            raise ev.RealtimeProblem(
                "`audio` is not valid base64.", code="invalid_value", param="audio"
            ) from None
        stream, converter = await self._upstream()
        # A client that does not read its events holds the send lock (the socket's write
        # buffer is full): take no more of its audio until it reads, so the transcripts it
        # has yet to read stay bounded by the audio already sent.
        async with self._lock:
            pass
        self._uncommitted_bytes += len(data)
        pcm = await asyncio.to_thread(converter.convert, data)
        if pcm:
            await self._upstream_call(stream.send(pcm))

    async def _commit(self) -> None:
        per_ms = input_bytes_per_ms(self._config.audio_format)
        if self._stream is None or self._translator is None or self._uncommitted_bytes < per_ms:
            held = self._uncommitted_bytes / per_ms
            raise ev.RealtimeProblem(
                "Error committing input audio buffer: buffer too small. Expected at least "
                f"1ms of audio, but buffer only has {held:.2f}ms of audio.",
                code="input_audio_buffer_commit_empty",
            )
        self._uncommitted_bytes = 0
        for out in self._translator.commit():
            await self.send(out)
        await self._end_utterance(self._stream)

    async def _clear(self) -> None:
        self._uncommitted_bytes = 0
        if self._stream is not None and self._translator is not None:
            self._translator.clear()
            await self._end_utterance(self._stream)
        await self.send(ev.cleared())

    async def _end_utterance(self, stream: AsyncNova3Stream | AsyncFluxStream) -> None:
        if isinstance(stream, AsyncFluxStream):
            await self._upstream_call(stream.force_end_turn())
        else:
            await self._upstream_call(stream.finalize())

    # -- upstream ----------------------------------------------------------------------------

    async def _upstream(self) -> tuple[AsyncNova3Stream | AsyncFluxStream, AudioConverter]:
        if self._stream is not None and self._converter is not None:
            return self._stream, self._converter
        config = self._config
        options = config.upstream_options()
        settings = self._client.settings
        connect: Callable[..., AsyncNova3Stream | AsyncFluxStream]
        connect = connect_flux if config.engine == FLUX else connect_nova3
        stream = connect(settings, **options)
        await self._upstream_call(stream.connect())
        vad = config.turn_detection
        self._translator = Translator(
            hold_deltas=vad is None,
            prefix_padding_ms=vad.prefix_padding_ms if isinstance(vad, ServerVad) else 0,
        )
        self._converter = AudioConverter(config.audio_format)
        self._stream = stream
        self._pump = asyncio.create_task(self._forward(stream, self._translator))
        return stream, self._converter

    async def _upstream_call(self, call: Any) -> Any:
        """Await an SDK call; its failure ends the session with OpenAI's error."""
        try:
            return await call
        except CfasrError as error:
            raise _problem_from(from_cfasr_error(error), fatal=True) from None

    async def _forward(
        self, stream: AsyncNova3Stream | AsyncFluxStream, translator: Translator
    ) -> None:
        """Upstream events → client events, until the stream ends or fails."""
        try:
            async for event in stream:
                for out in translator.feed(event):
                    await self.send(out)
        except CfasrError as error:
            self._ended = _problem_from(from_cfasr_error(error), fatal=True)
            with contextlib.suppress(_Closed):
                for out in translator.fail(self._ended):
                    await self.send(out)
                await self.end(self._ended, _INTERNAL)
        except _Closed:
            pass
        except Exception as error:  # never leave the client waiting on a silent session
            logger.exception("realtime transcription failed", exc_info=error)
            self._ended = ev.RealtimeProblem(
                "The gateway failed while transcribing.", code="server_error", type="server_error"
            )
            with contextlib.suppress(_Closed):
                await self.end(self._ended, _INTERNAL)

    async def _release(self) -> None:
        if self._pump is not None and not self._pump.done():
            self._pump.cancel()
            await asyncio.gather(self._pump, return_exceptions=True)
        if self._stream is not None:
            await self._stream.abort()
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
            await self._ws.close()


async def realtime_endpoint(
    websocket: WebSocket, client: Callable[[], AsyncClient], config: GatewayConfig
) -> None:
    """Serve one `/v1/realtime` connection: check the key (refusing the handshake with
    OpenAI's error body and status), accept, then run the session."""
    try:
        subprotocol = authorise(websocket, config)
        if websocket.query_params.get("intent", "transcription") != "transcription":
            raise OpenAIError(
                400,
                "This gateway serves realtime transcription only: connect with "
                "?intent=transcription.",
                param="intent",
                code="invalid_value",
            )
    except OpenAIError as error:
        try:
            await websocket.send_denial_response(error.to_response())
        except RuntimeError:  # a server without the denial extension: close before accept
            await websocket.close(1008)
        return
    await websocket.accept(subprotocol=subprotocol)
    await _Session(websocket, client(), config).run(websocket.query_params.get("model"))
