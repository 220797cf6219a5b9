"""The soak's clients: every action a careless or hostile client takes against the emulator
(:class:`Load`), what they saw (:class:`Tally`) and the worker loop that picks among them.

Its own module because the load is the part that grows (a new model, a new fault, a new way
to misbehave is a new action here), while the run's phases and verdict (``soak``) stay put.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import wave
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs
import harness
import httpx
import websockets
from soak_target import IDLE_TIMEOUT_S, Target
from websockets.asyncio.client import ClientConnection, connect

CLOSE_STREAM = json.dumps({"type": "CloseStream"})
REST_FAULTS = ("500", "503", "429;retry-after=1", "reset", "truncate", "delay=0.3", "408")
WS_FAULTS = (
    "ws-close=1011;after-messages=1",
    "ws-close=1006;after-messages=1",
    "ws-stall;after-messages=1",
    "ws-error;after-messages=1",
)


@attrs.define
class Tally:
    """What the clients saw: actions run, and answers no client should ever get."""

    actions: dict[str, int] = attrs.field(factory=dict)
    unexpected: list[str] = attrs.field(factory=list)

    def count(self, action: str) -> None:
        self.actions[action] = self.actions.get(action, 0) + 1

    def problem(self, action: str, what: str) -> None:
        if len(self.unexpected) < 50:
            self.unexpected.append(f"{action}: {what}")


AUTH = {"Authorization": f"Bearer {harness.TOKEN}"}


def read_pcm(path: Path) -> bytes:
    """The samples of a WAV file, as the WebSocket clients stream them."""
    with wave.open(str(path)) as w:
        return bytes(w.readframes(w.getnframes()))


class Load:
    """The actions one worker picks from, each a complete client interaction."""

    def __init__(self, target: Target, client: httpx.AsyncClient, pcm: bytes, wav: bytes) -> None:
        self.target = target
        self.client = client
        self.pcm = pcm
        self.wav = wav
        self.tally = Tally()
        b64 = base64.b64encode(wav).decode()
        self.turbo_body = json.dumps({"audio": b64, "language": "en"}).encode()
        self.actions: list[tuple[str, int, Callable[[random.Random], Awaitable[None]]]] = [
            ("rest-whisper", 2, self.rest_whisper),
            ("rest-tiny-en", 2, self.rest_tiny),
            ("rest-turbo", 2, self.rest_turbo),
            ("rest-nova-3", 2, self.rest_nova),
            ("rest-flux", 1, self.rest_flux),
            ("rest-fault", 2, self.rest_fault),
            ("rest-bad-input", 2, self.rest_bad_input),
            ("rest-vanish", 2, self.rest_vanish),
            ("ws-nova-3", 3, self.ws_nova),
            ("ws-flux", 2, self.ws_flux),
            ("ws-fault", 2, self.ws_fault),
            ("ws-vanish", 2, self.ws_vanish),
            ("ws-bad-input", 1, self.ws_bad_input),
        ]

    def pick(self, rng: random.Random) -> tuple[str, Callable[[random.Random], Awaitable[None]]]:
        names = [(name, action) for name, _, action in self.actions]
        weights = [weight for _, weight, _ in self.actions]
        return rng.choices(names, weights)[0]

    async def run(
        self, action: str, call: Callable[[random.Random], Awaitable[None]], rng: random.Random
    ) -> None:
        self.tally.count(action)
        try:
            await call(rng)
        except (httpx.HTTPError, OSError, websockets.WebSocketException, TimeoutError):
            # Faults and vanishing clients break connections on purpose: that is the load.
            pass
        except Exception as exc:  # the soak reports it and goes on
            self.tally.problem(action, repr(exc))

    def _expect(self, action: str, response: httpx.Response, allowed: set[int]) -> None:
        # 429: the engine queue or session cap is full under this load, which is correct.
        if response.status_code not in allowed | {429}:
            self.tally.problem(action, f"HTTP {response.status_code} {response.text[:200]}")

    async def _post(self, model: str, body: bytes, content_type: str, **headers: str) -> Any:
        return await self.client.post(
            self.target.rest_url(model),
            content=body,
            headers={**AUTH, "Content-Type": content_type, **headers},
        )

    async def rest_whisper(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        response = await self._post("@cf/openai/whisper", self.wav, "audio/wav")
        self._expect("rest-whisper", response, {200})

    async def rest_tiny(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        response = await self._post("@cf/openai/whisper-tiny-en", self.wav, "audio/wav")
        self._expect("rest-tiny-en", response, {200})

    async def rest_turbo(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        model = "@cf/openai/whisper-large-v3-turbo"
        response = await self._post(model, self.turbo_body, "application/json")
        self._expect("rest-turbo", response, {200})

    async def rest_nova(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        model = "@cf/deepgram/nova-3?smart_format=true"
        response = await self._post(model, self.wav, "audio/wav")
        self._expect("rest-nova-3", response, {200})

    async def rest_flux(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        response = await self._post("@cf/deepgram/flux", b"{}", "application/json")
        self._expect("rest-flux", response, {400})

    async def rest_fault(self, rng: random.Random) -> None:
        fault = rng.choice(REST_FAULTS)
        response = await self._post(
            "@cf/openai/whisper-tiny-en", self.wav, "audio/wav", **{"cf-emulator-fault": fault}
        )
        allowed = {200} if fault.split(";")[0] in {"delay=0.3", "truncate", "reset"} else set()
        allowed |= {int(fault.split(";")[0])} if fault[0].isdigit() else set()
        self._expect("rest-fault", response, allowed)

    async def rest_bad_input(self, rng: random.Random) -> None:
        choice = rng.randrange(6)
        if choice == 0:  # not audio at all
            response = await self._post("@cf/openai/whisper", os.urandom(4000), "audio/wav")
        elif choice == 1:  # broken JSON
            response = await self._post(
                "@cf/openai/whisper-large-v3-turbo", b'{"audio": "AAAA', "application/json"
            )
        elif choice == 2:  # an option out of range
            response = await self._post("@cf/deepgram/nova-3?encoding=bogus", self.wav, "audio/wav")
        elif choice == 3:  # a wrong token
            response = await self.client.post(
                self.target.rest_url("@cf/openai/whisper"),
                content=self.wav,
                headers={"Authorization": "Bearer wrong"},
            )
        elif choice == 4:  # a truncated WAV header
            response = await self._post("@cf/deepgram/nova-3", self.wav[:30], "audio/wav")
        else:  # an unknown model
            response = await self._post("@cf/openai/no-such-model", self.wav, "audio/wav")
        self._expect("rest-bad-input", response, {400, 401, 403, 404, 413})

    async def rest_vanish(self, rng: random.Random) -> None:
        """A raw client that leaves: mid-body, or after sending all but before the answer."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.target.port)
        try:
            path = self.target.rest_url("@cf/openai/whisper-tiny-en").removeprefix(
                self.target.origin
            )
            head = (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {harness.TOKEN}\r\nContent-Type: audio/wav\r\n"
                f"Content-Length: {len(self.wav)}\r\n\r\n"
            ).encode()
            if rng.random() < 0.5:
                writer.write(head + self.wav[: len(self.wav) // 3])
            else:
                writer.write(head + self.wav)
            await writer.drain()
            await asyncio.sleep(rng.uniform(0.0, 0.3))
        finally:
            writer.transport.abort()
        del reader

    async def _stream(self, ws: ClientConnection, pcm: bytes, frame: int = 3200) -> None:
        for i in range(0, len(pcm), frame):
            await ws.send(pcm[i : i + frame])
            if i % (frame * 10) == 0:
                await asyncio.sleep(0)

    async def _session(self, model: str, action: str, **headers: str) -> list[Any]:
        async with connect(
            self.target.ws_url(model), additional_headers={**AUTH, **headers}, open_timeout=30
        ) as ws:
            await self._stream(ws, self.pcm)
            await ws.send(CLOSE_STREAM)
            messages = []
            async with asyncio.timeout(60):
                async for raw in ws:
                    messages.append(json.loads(raw))
            if ws.close_code not in {1000, 1001} and not headers:
                self.tally.problem(action, f"closed {ws.close_code} {ws.close_reason}")
            return messages

    async def _ws(self, action: str, model: str, **headers: str) -> None:
        try:
            await self._session(model, action, **headers)
        except websockets.InvalidStatus as refused:
            self._expect(action, _as_response(refused), set())

    async def ws_nova(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        await self._ws("ws-nova-3", "@cf/deepgram/nova-3")

    async def ws_flux(self, rng: random.Random) -> None:
        del rng  # every action takes one; this one is always the same
        await self._ws("ws-flux", "@cf/deepgram/flux")

    async def ws_fault(self, rng: random.Random) -> None:
        model = rng.choice(("@cf/deepgram/nova-3", "@cf/deepgram/flux"))
        fault = rng.choice(WS_FAULTS)
        try:
            async with asyncio.timeout(IDLE_TIMEOUT_S + 30):
                await self._session(model, "ws-fault", **{"cf-emulator-fault": fault})
        except websockets.InvalidStatus as refused:
            self._expect("ws-fault", _as_response(refused), set())

    async def ws_vanish(self, rng: random.Random) -> None:
        """Stream part of the audio, then drop the TCP connection without a close frame."""
        model = rng.choice(("@cf/deepgram/nova-3", "@cf/deepgram/flux"))
        try:
            async with connect(
                self.target.ws_url(model), additional_headers=AUTH, open_timeout=30
            ) as ws:
                await self._stream(ws, self.pcm[: rng.randrange(3200, len(self.pcm))])
                await asyncio.sleep(rng.uniform(0.0, 0.5))
                ws.transport.abort()
        except websockets.InvalidStatus as refused:
            self._expect("ws-vanish", _as_response(refused), set())

    async def ws_bad_input(self, rng: random.Random) -> None:
        if rng.random() < 0.5:  # a handshake with an impossible option
            url = self.target.ws_url("@cf/deepgram/nova-3", "encoding=linear16&sample_rate=-5")
            try:
                async with connect(url, additional_headers=AUTH, open_timeout=30):
                    self.tally.problem("ws-bad-input", "a bad sample_rate was accepted")
            except websockets.InvalidStatus as refused:
                self._expect("ws-bad-input", _as_response(refused), {400})
            return
        async with connect(  # garbage control messages, then a proper close
            self.target.ws_url("@cf/deepgram/nova-3"), additional_headers=AUTH, open_timeout=30
        ) as ws:
            await ws.send("{not json")
            await ws.send(json.dumps({"type": "NoSuchMessage"}))
            await ws.send(CLOSE_STREAM)
            async with asyncio.timeout(60):
                async for _ in ws:
                    pass


def _as_response(refused: websockets.InvalidStatus) -> httpx.Response:
    return httpx.Response(refused.response.status_code, content=bytes(refused.response.body or b""))


async def worker(load: Load, rng: random.Random, stop: asyncio.Event) -> None:
    while not stop.is_set():
        name, action = load.pick(rng)
        await load.run(name, action, rng)
