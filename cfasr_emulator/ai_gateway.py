"""AI Gateway's URLs for Workers AI, served by the emulator's own routes.

openapi.yaml's servers list documents `https://gateway.ai.cloudflare.com/v1/{account_id}/
{gateway_id}/workers-ai` with the model id right after `workers-ai/` (POST), and the
WebSocket form on the same base with the model in `?model=`. This ASGI middleware answers
those paths on the emulator by rewriting them to the direct `/client/v4/accounts/{account_id}/
ai/run/{model}` route, so the same handlers, checks, limits and faults apply, and adds what
the gateway does that makes sense offline:

- `cf-aig-authorization: Bearer <gateway token>` (or a WebSocket subprotocol
  `cf-aig-authorization.<token>`) is required when the emulator has a gateway token;
- every answer carries a `cf-aig-log-id`, and REST answers a `cf-aig-cache-status`;
- with `ServerConfig.gateway_cache` on, a 200 is cached in memory under the request (path,
  options, content type, body) or `cf-aig-cache-key`, for `cf-aig-cache-ttl` seconds, and
  `cf-aig-skip-cache: true` bypasses it (off by default: the live gateway caches no speech);
- `cf-aig-max-attempts`, `cf-aig-retry-delay` and `cf-aig-backoff` retry a 429 or 5xx;
- `cf-aig-metadata`, `cf-aig-event-id` and `cf-aig-collect-log` shape the gateway's log,
  readable as `ctx.gateway.log()`.

Only account ids of 32 hex digits match, so the OpenAI routes under `/v1` (`/v1/audio/...`,
`/v1/models`) never collide with these.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import re
import urllib.parse
import uuid
from collections.abc import Sequence

import attrs
from cfasr_client.contract import GATEWAY_HEADERS, OptionProblem
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket

from . import error_envelope
from .catalog import run_path
from .context import EmulatorContext
from .gateway_state import CachedAnswer, GatewayLogEntry, cache_key
from .limits import read_body

__all__ = ["GATEWAY_PATH", "AiGatewayRoutes"]

GATEWAY_PATH = re.compile(
    r"^/v1/(?P<account_id>[0-9a-fA-F]{32})/(?P<gateway_id>[A-Za-z0-9_.-]+)/workers-ai"
    r"(?:/(?P<model>.+))?$"
)
"""`/v1/{account_id}/{gateway_id}/workers-ai[/{model}]`, the gateway server's paths."""

_AUTHORIZATION = "cf-aig-authorization"
_SUBPROTOCOL_PREFIX = _AUTHORIZATION + "."
_LOG_ID = b"cf-aig-log-id"
_CACHE_STATUS = b"cf-aig-cache-status"
_NEURONS = error_envelope.NEURONS_HEADER.encode()
_MODEL_QUERY = "model"
"""The WebSocket form's query parameter naming the model (openapi.yaml's servers list)."""


@attrs.frozen
class _Settings:
    """The request's `cf-aig-*` headers, checked against openapi.yaml's gateway schemas."""

    skip_cache: bool
    cache_ttl_s: int | None
    cache_key: str | None
    collect_log: bool
    max_attempts: int
    retry_delay_ms: int
    backoff: str
    metadata: object | None
    event_id: str | None

    @classmethod
    def from_headers(cls, headers: Headers) -> _Settings:
        metadata_text = headers.get("cf-aig-metadata")
        return cls(
            skip_cache=_flag(headers, "cf-aig-skip-cache", default=False),
            cache_ttl_s=_number(headers, "cf-aig-cache-ttl"),
            cache_key=headers.get("cf-aig-cache-key"),
            collect_log=_flag(headers, "cf-aig-collect-log", default=True),
            max_attempts=max(1, _number(headers, "cf-aig-max-attempts") or 1),
            retry_delay_ms=_number(headers, "cf-aig-retry-delay") or 0,
            backoff=_checked_text(headers, "cf-aig-backoff") or "constant",
            metadata=None if metadata_text is None else _json_or_text(metadata_text),
            event_id=headers.get("cf-aig-event-id"),
        )

    def delay_s(self, retry: int) -> float:
        """The wait before retry number `retry` (1 for the first)."""
        factors: dict[str, int] = {"constant": 1, "linear": retry, "exponential": 2 ** (retry - 1)}
        factor = factors[self.backoff]
        return self.retry_delay_ms * factor / 1000


def _bad_header(name: str, message: str) -> error_envelope.ApiError:
    return error_envelope.invalid_header(6100, f"Invalid {name} header: {message}")


def _flag(headers: Headers, name: str, *, default: bool) -> bool:
    text = headers.get(name)
    if text is None:
        return default
    if text.strip().lower() in ("true", "false"):
        return text.strip().lower() == "true"
    raise _bad_header(name, "expected true or false")


def _checked_text(headers: Headers, name: str) -> str | None:
    text = headers.get(name)
    if text is None:
        return None
    try:
        return str(GATEWAY_HEADERS[name].parse([text.strip()]))
    except OptionProblem as problem:
        raise _bad_header(name, problem.message) from None


def _number(headers: Headers, name: str) -> int | None:
    text = headers.get(name)
    if text is None:
        return None
    try:
        value = GATEWAY_HEADERS[name].parse([text.strip()])
    except OptionProblem as problem:
        raise _bad_header(name, problem.message) from None
    assert isinstance(value, int), (name, value)  # openapi.yaml types these as integers
    return value


def _json_or_text(text: str) -> object:
    try:
        parsed: object = json.loads(text)
    except ValueError:
        return text
    return parsed


class AiGatewayRoutes:
    """The middleware: gateway paths are answered here, everything else passes through."""

    def __init__(self, app: ASGIApp, ctx: EmulatorContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = GATEWAY_PATH.match(scope["path"]) if scope["type"] != "lifespan" else None
        if match is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send, match)
        else:
            await self._http(scope, receive, send, match)

    def _authorise(self, headers: Headers, offered: Sequence[str] = ()) -> str | None:
        """Check the gateway token when the emulator has one; returns the subprotocol that
        carried it (a browser's WebSocket), which the handshake must then select."""
        expected = self.ctx.config.gateway_token
        if expected is None:
            return None
        scheme, _, given = headers.get(_AUTHORIZATION, "").partition(" ")
        if scheme.lower() == "bearer" and _same(given.strip(), expected):
            return None
        for protocol in offered:
            if protocol.startswith(_SUBPROTOCOL_PREFIX) and _same(
                protocol.removeprefix(_SUBPROTOCOL_PREFIX), expected
            ):
                return protocol
        raise error_envelope.authentication_error()

    async def _http(self, scope: Scope, receive: Receive, send: Send, match: re.Match[str]) -> None:
        account_id, gateway_id, model = match.group("account_id", "gateway_id", "model")
        headers = Headers(scope=scope)
        log_id = uuid.uuid4().hex
        try:
            if model is None:
                raise error_envelope.no_route()
            self._authorise(headers)
            settings = _Settings.from_headers(headers)
            if "transfer-encoding" in headers and "content-length" in headers:
                # The direct route refuses this framing (and closes); let it.
                await self.app(_direct(scope, account_id, model), receive, send)
                return
            config = self.ctx.config
            body = await read_body(
                Request(scope, receive), config.max_body_bytes, config.body_timeout_s
            )
        except error_envelope.ApiError as error:
            response = error.to_response(self.ctx.new_request_id())
            response.headers[_LOG_ID.decode()] = log_id
            await response(scope, receive, send)
            return
        key = self._cache_key(scope, headers, settings, account_id, gateway_id, model, body)
        caching = self.ctx.config.gateway_cache and not settings.skip_cache
        answer = self.ctx.gateway.cached(key) if caching else None
        attempts = 0
        cache_status = "HIT" if answer is not None else "MISS"
        if answer is None:
            answer, attempts = await self._forward(
                scope, receive, body, settings, account_id, model
            )
            if caching and answer.status == 200:
                self.ctx.gateway.store(
                    key, attrs.evolve(answer, expires=self.ctx.gateway.expiry(settings.cache_ttl_s))
                )
        extra = [(_CACHE_STATUS, cache_status.encode()), (_LOG_ID, log_id.encode())]
        headers_out = list(answer.headers)
        if cache_status == "HIT":  # nothing ran, so no neurons were billed for this answer
            headers_out = [(k, v) for k, v in headers_out if k.lower() != _NEURONS]
        # Logged before answering, so a caller that reads the log after its answer sees it.
        if settings.collect_log:
            self.ctx.gateway.record(
                GatewayLogEntry(
                    log_id=log_id,
                    gateway_id=gateway_id,
                    model=model,
                    status=answer.status,
                    cache_status=cache_status,
                    attempts=attempts,
                    metadata=settings.metadata,
                    event_id=settings.event_id,
                )
            )
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [*headers_out, *extra],
            }
        )
        await send({"type": "http.response.body", "body": answer.body})

    def _cache_key(
        self,
        scope: Scope,
        headers: Headers,
        settings: _Settings,
        account_id: str,
        gateway_id: str,
        model: str,
        body: bytes,
    ) -> str:
        where = (account_id.lower().encode(), gateway_id.encode())
        if settings.cache_key is not None:
            return cache_key((*where, b"key", settings.cache_key.encode()))
        query = sorted(urllib.parse.parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        return cache_key(
            (
                *where,
                scope["method"].encode(),
                model.encode(),
                json.dumps(query).encode(),
                headers.get("content-type", "").encode(),
                body,
            )
        )

    async def _forward(
        self,
        scope: Scope,
        receive: Receive,
        body: bytes,
        settings: _Settings,
        account_id: str,
        model: str,
    ) -> tuple[CachedAnswer, int]:
        """The direct route's answer, tried up to `max_attempts` times while it is a 429 or
        5xx; returns it and the number of attempts made."""
        attempt = 0
        while True:
            attempt += 1
            answer = await _captured(self.app, _direct(scope, account_id, model), receive, body)
            retryable = answer.status == 429 or answer.status >= 500
            if not retryable or attempt >= settings.max_attempts:
                return answer, attempt
            await asyncio.sleep(settings.delay_s(attempt))

    async def _websocket(
        self, scope: Scope, receive: Receive, send: Send, match: re.Match[str]
    ) -> None:
        account_id, gateway_id = match.group("account_id", "gateway_id")
        headers = Headers(scope=scope)
        query = scope.get("query_string", b"").decode("latin-1")
        pairs = [p for p in query.split("&") if p]
        models = [
            urllib.parse.unquote_plus(p.partition("=")[2])
            for p in pairs
            if urllib.parse.unquote_plus(p.partition("=")[0]) == _MODEL_QUERY
        ]
        model = match.group("model") or (models[0] if models else None)
        log_id = uuid.uuid4().hex
        try:
            chosen = self._authorise(headers, scope.get("subprotocols", ()))
            if model is None:
                raise error_envelope.malformed_request(
                    f"a WebSocket through AI Gateway names its model in ?{_MODEL_QUERY}="
                )
        except error_envelope.ApiError as error:
            response = error.to_response(self.ctx.new_request_id())
            await WebSocket(scope, receive, send).send_denial_response(response)
            return
        rest = "&".join(
            p for p in pairs if urllib.parse.unquote_plus(p.partition("=")[0]) != _MODEL_QUERY
        )
        inner = {**_direct(scope, account_id, model), "query_string": rest.encode("latin-1")}

        async def send_with_log_id(message: Message) -> None:
            if message["type"] == "websocket.accept":
                message = {
                    **message,
                    "headers": [*message.get("headers", ()), (_LOG_ID, log_id.encode())],
                }
                if chosen is not None and message.get("subprotocol") is None:
                    message["subprotocol"] = chosen
                self.ctx.gateway.record(
                    GatewayLogEntry(
                        log_id=log_id,
                        gateway_id=gateway_id,
                        model=model,
                        status=101,
                        cache_status="",
                        attempts=1,
                        metadata=None,
                        event_id=None,
                    )
                )
            await send(message)

        await self.app(inner, receive, send_with_log_id)


def _same(given: str, expected: str) -> bool:
    # compare_digest takes the same time wherever the first differing byte is.
    return hmac.compare_digest(given.encode(), expected.encode())


def _direct(scope: Scope, account_id: str, model: str) -> Scope:
    """`scope` at the direct route of `model`, so the emulator's own handlers answer it."""
    path = run_path(account_id, model)
    return {**scope, "path": path, "raw_path": urllib.parse.quote(path, safe="/@").encode()}


async def _captured(app: ASGIApp, scope: Scope, receive: Receive, body: bytes) -> CachedAnswer:
    """Run `app` on `scope` with `body` replayed, and keep its whole answer (these are JSON
    envelopes, small). After the body, `receive` is the caller's: a disconnect still shows."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    status = 500
    headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            headers.extend(message.get("headers", ()))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, replay, keep)
    return CachedAnswer(status=status, headers=tuple(headers), body=b"".join(chunks), expires=None)
