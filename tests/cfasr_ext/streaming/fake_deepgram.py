"""A small scripted Deepgram-over-Workers-AI WebSocket server for the streaming tests.

Audio is mono linear16 at 16 kHz. Every 0.5 s block of audio is one "word": its samples all
hold the same value n, and the server hears the word "w<n>" (n == 0 is silence). Because the
words come from the audio itself, a stream resent after a reconnect yields the same words.

v1 (nova-3): an interim Results per block (with interim_results=true), a final Results every
two blocks, speech_final + UtteranceEnd after a silent block, Finalize flushes, CloseStream
flushes then sends Metadata and closes 1000. v2 (flux): Connected, StartOfTurn / Update /
EndOfTurn (a silent block ends a turn), Configure → ConfigureSuccess, ForceEndTurn.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
from collections.abc import AsyncIterator
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

ACCOUNT = "0123456789abcdef0123456789abcdef"
TOKEN = "test-token-abcdef"
RATE = 16000
BLOCK = RATE  # bytes in 0.5 s of linear16 mono
BLOCK_SECONDS = 0.5
AUTH_ERROR = {
    "success": False,
    "errors": [{"code": 10000, "message": "Authentication error"}],
    "messages": [],
    "result": None,
}


def word_audio(values: list[int]) -> bytes:
    """Audio where block i holds the constant sample values[i] (0 = silence)."""
    return b"".join(struct.pack("<h", v) * (BLOCK // 2) for v in values)


def chunks(data: bytes, size: int = 2560) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@attrs.define
class Script:
    """What the server does; shared across connections so a drop can happen only once."""

    drop_after_blocks: int | None = None  # on the first connection, after this many blocks...
    drop_how: str = "abort"  # ...abort the TCP connection (1006) or close "1011 NET-0001",
    # or "silent": stop reading the socket (so no pong answers a ping) and send nothing more
    refuse_status: int | None = None  # answer the upgrade with this HTTP status
    refuse_body: bytes = b""
    omit_turn_type: bool = False
    pause_reading: asyncio.Event | None = None  # when set before audio, stop reading until cleared
    close_after_open: tuple[int, str] | None = None
    greeting: list[dict[str, Any]] = attrs.field(factory=list)
    """Messages sent as each connection opens (after flux's Connected): types the SDK may
    not know yet."""
    connections: int = 0
    requests: list[Request] = attrs.field(factory=list)
    texts: list[str] = attrs.field(factory=list)  # every client text frame, in order
    audio_bytes: int = 0


def _word(n: int, start: float) -> dict[str, Any]:
    return {"word": f"w{n}", "start": start, "end": start + 0.4, "confidence": 0.9}


class _V1Session:
    def __init__(self, ws: ServerConnection, query: dict[str, str]) -> None:
        self.ws = ws
        self.interim = query.get("interim_results") == "true"
        self.utterance_end = "utterance_end_ms" in query
        self.buffer = bytearray()
        self.blocks: list[tuple[float, int]] = []  # heard, not yet final
        self.position = 0.0  # connection audio time of the next block
        self.final_end = 0.0

    async def audio(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= BLOCK:
            (value,) = struct.unpack_from("<h", self.buffer, 0)
            del self.buffer[:BLOCK]
            self.blocks.append((self.position, value))
            self.position += BLOCK_SECONDS
            if self.interim:
                await self.results(is_final=False)
            if len(self.blocks) == 2:
                await self.results(is_final=True)

    async def results(self, *, is_final: bool, from_finalize: bool = False) -> None:
        words = [_word(v, t) for t, v in self.blocks if v]
        silent = any(v == 0 for _t, v in self.blocks)
        start = self.final_end
        end = self.position
        message: dict[str, Any] = {
            "type": "Results",
            "channel_index": [0, 1],
            "duration": end - start,
            "start": start,
            "is_final": is_final,
            "speech_final": is_final and silent,
            "channel": {
                "alternatives": [
                    {
                        "transcript": " ".join(w["word"] for w in words),
                        "confidence": 0.9,
                        "words": words,
                    }
                ]
            },
            "metadata": {"request_id": "req-1", "model_uuid": "m"},
        }
        if from_finalize:
            message["from_finalize"] = True
        await self.ws.send(json.dumps(message))
        if is_final:
            if silent and words and self.utterance_end:
                await self.ws.send(
                    json.dumps(
                        {
                            "type": "UtteranceEnd",
                            "channel": [0, 1],
                            "last_word_end": words[-1]["end"],
                        }
                    )
                )
            self.blocks.clear()
            self.final_end = end

    async def text(self, message: dict[str, Any]) -> bool:
        kind = message.get("type")
        if kind == "Finalize" and self.blocks:
            await self.results(is_final=True, from_finalize=True)
        elif kind == "CloseStream":
            if self.blocks:
                await self.results(is_final=True)
            await self.ws.send(
                json.dumps(
                    {
                        "type": "Metadata",
                        "transaction_key": "deprecated",
                        "request_id": "req-1",
                        "sha256": "0" * 64,
                        "created": "2026-01-01T00:00:00Z",
                        "duration": self.position,
                        "channels": 1,
                    }
                )
            )
            await self.ws.close(1000)
            return True
        return False


class _V2Session:
    def __init__(self, ws: ServerConnection, script: Script) -> None:
        self.ws = ws
        self.script = script
        self.buffer = bytearray()
        self.position = 0.0
        self.turn_index = 0
        self.turn: list[tuple[float, int]] = []
        self.turn_start = 0.0
        self.sequence = 0

    async def send(self, message: dict[str, Any]) -> None:
        message["sequence_id"] = self.sequence
        self.sequence += 1
        await self.ws.send(json.dumps(message))

    async def turn_info(self, event: str, **extra: Any) -> None:
        words = [_word(v, t) for t, v in self.turn]
        message: dict[str, Any] = {
            "type": "TurnInfo",
            "request_id": "req-2",
            "event": event,
            "turn_index": self.turn_index,
            "audio_window_start": self.turn_start,
            "audio_window_end": self.position,
            "transcript": " ".join(w["word"] for w in words),
            "words": words,
            "end_of_turn_confidence": 0.9 if event == "EndOfTurn" else 0.1,
            **extra,
        }
        if self.script.omit_turn_type:
            del message["type"]
        await self.send(message)

    async def end_turn(self, trigger: str) -> None:
        if self.turn:
            await self.turn_info("EndOfTurn", trigger=trigger)
            self.turn.clear()
            self.turn_index += 1

    async def audio(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= BLOCK:
            (value,) = struct.unpack_from("<h", self.buffer, 0)
            del self.buffer[:BLOCK]
            start = self.position
            self.position += BLOCK_SECONDS
            if value:
                if not self.turn:
                    self.turn_start = start
                    self.turn.append((start, value))
                    await self.turn_info("StartOfTurn")
                else:
                    self.turn.append((start, value))
                    await self.turn_info("Update")
            else:
                await self.end_turn("model")

    async def text(self, message: dict[str, Any]) -> bool:
        kind = message.get("type")
        if kind == "Configure":
            keyterms = message.get("keyterms", [])
            await self.send(
                {
                    "type": "ConfigureSuccess",
                    "request_id": "req-2",
                    "thresholds": message.get("thresholds", {}),
                    "keyterms": [keyterms] if isinstance(keyterms, str) else list(keyterms),
                }
            )
        elif kind == "ForceEndTurn":
            await self.end_turn("manual")
        elif kind == "CloseStream":
            await self.end_turn("model")
            await self.ws.close(1000)
            return True
        return False


class FakeDeepgram:
    """The server; `url` is the base URL to give `resolve_settings(base_url=...)`."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.server: Server | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        host, port = next(iter(self.server.sockets)).getsockname()[:2]
        return f"http://{host}:{port}/client/v4"

    def process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        self.script.requests.append(request)
        if self.script.refuse_status is not None:
            status = HTTPStatus(self.script.refuse_status)
            response = connection.respond(status, self.script.refuse_body.decode())
            response.headers["cf-ai-req-id"] = "req-refused"
            return response
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return connection.respond(HTTPStatus.UNAUTHORIZED, json.dumps(AUTH_ERROR))
        return None

    async def handler(self, ws: ServerConnection) -> None:
        script = self.script
        script.connections += 1
        first = script.connections == 1
        path = urlsplit(ws.request.path if ws.request else "")
        query = dict(parse_qsl(path.query))
        flux = path.path.endswith("/flux")
        session: _V1Session | _V2Session = _V2Session(ws, script) if flux else _V1Session(ws, query)
        if isinstance(session, _V2Session):
            await session.send({"type": "Connected", "request_id": "req-2"})
        for greeting in script.greeting:
            await ws.send(json.dumps(greeting))
        if script.close_after_open is not None:
            await ws.close(*script.close_after_open)
            return
        blocks_heard = 0
        with contextlib.suppress(Exception):
            async for message in ws:
                if script.pause_reading is not None:
                    await script.pause_reading.wait()
                if isinstance(message, bytes):
                    script.audio_bytes += len(message)
                    before = session.position
                    await session.audio(message)
                    blocks_heard += round((session.position - before) / BLOCK_SECONDS)
                    if (
                        first
                        and script.drop_after_blocks is not None
                        and blocks_heard >= script.drop_after_blocks
                    ):
                        if script.drop_how == "abort":
                            ws.transport.abort()
                        elif script.drop_how == "silent":
                            ws.transport.pause_reading()
                            await ws.wait_closed()
                        else:
                            await ws.close(1011, "NET-0001")
                        return
                else:
                    script.texts.append(message)
                    if await session.text(json.loads(message)):
                        return


@contextlib.asynccontextmanager
async def fake_deepgram(script: Script | None = None) -> AsyncIterator[FakeDeepgram]:
    fake = FakeDeepgram(script or Script())
    async with serve(
        fake.handler,
        "127.0.0.1",
        0,
        process_request=fake.process_request,
        compression=None,
        # A "silent" connection never reads the client's close; shutting the fake down then
        # waits this long for it instead of websockets' 10 s.
        close_timeout=0.5,
    ) as server:
        fake.server = server
        yield fake
