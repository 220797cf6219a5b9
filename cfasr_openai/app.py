"""The Starlette apps: OpenAI's audio routes, each call forwarded through `cfasr_ext.AsyncClient`.

`create_v1_app(client_factory, config)` is the `/v1` part, used twice: by `cfasr gateway`
(`create_app`, with a client pointed at Workers AI) and by the emulator, which mounts it with
a client pointed at itself. The client is made on the first request (so the emulator can
mount the app before it serves) and closed by `close_client`, from the owner's lifespan.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from cfasr_client.contract import operation_for
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket

from cfasr_ext import AsyncClient, AudioFile, CfasrError

from .browser_guard import refuse_foreign_browsers
from .config import GatewayConfig
from .errors import OpenAIError, from_cfasr_error
from .form import AudioForm, read_form
from .model_names import STREAMING_MODEL, TRANSLATION_MODEL, listed_models, model_for
from .options import LANGUAGE, NOT_APPLIED_HEADER, TRANSLATE, options_for
from .realtime import realtime_endpoint
from .responses import response_for
from .streaming import stream_response

__all__ = ["ClientFactory", "close_client", "create_app", "create_v1_app"]

ClientFactory = Callable[[], AsyncClient]
_CREATED = int(time.time())


class _Clients:
    """One `AsyncClient` per app, made on first use (see the module docstring)."""

    def __init__(self, factory: ClientFactory) -> None:
        self._factory = factory
        self._client: AsyncClient | None = None

    def get(self) -> AsyncClient:
        if self._client is None:
            self._client = self._factory()
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _authorised(request: Request, config: GatewayConfig) -> None:
    if config.api_key is None:
        refuse_foreign_browsers(request)  # without a key, only this machine's programs
        return
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    # compare_digest takes the same time wherever the first differing byte is.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        presented.strip().encode(), config.api_key.encode()
    ):
        raise OpenAIError(
            401,
            "Incorrect API key provided. Send the gateway's key as `Authorization: Bearer ...`.",
            code="invalid_api_key",
        )


def _guarded(
    config: GatewayConfig, handler: Callable[[Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            _authorised(request, config)
            return await handler(request)
        except OpenAIError as error:
            return error.to_response()
        except CfasrError as error:
            return from_cfasr_error(error).to_response()

    return endpoint


async def _audio(
    request: Request, clients: _Clients, config: GatewayConfig, *, translate: bool
) -> Response:
    form, spool = await read_form(request, config.max_body_bytes)
    response: Response | None = None
    try:
        if not await _turn(request, config):
            return Response(status_code=499)  # the caller left: nothing is sent upstream
        response = await _answer(clients.get(), form, translate=translate)
        return response
    finally:
        if isinstance(response, StreamingResponse):
            response.background = BackgroundTask(spool.close)  # the stream still reads it
        else:
            await spool.close()


async def _turn(request: Request, config: GatewayConfig) -> bool:
    """Wait for the rate limiter's slot; False if the caller left meanwhile (so its call is
    never forwarded and billed). Raises 429 with Retry-After when the slot is further away
    than `config.max_wait_s`."""
    limiter = config.rate_limiter
    if limiter is None:
        return True
    wait = limiter.reserve_within(config.max_wait_s)
    if wait is None:
        retry = max(1, math.ceil(limiter.next_free_in()))
        raise OpenAIError(
            429,
            f"The gateway's limit of {limiter.requests_per_minute:g} Workers AI requests per "
            f"minute is reached; retry in {retry} s.",
            code="rate_limit_exceeded",
            headers={"Retry-After": str(retry)},
        )
    loop = asyncio.get_running_loop()
    until = loop.time() + wait
    while (left := until - loop.time()) > 0:
        await asyncio.sleep(min(left, 0.25))
        if await request.is_disconnected():
            return False
    return True


async def _answer(client: AsyncClient, form: AudioForm, *, translate: bool) -> Response:
    if translate:
        return await _translate(client, form)
    model = model_for(form.model)
    if form.stream and model == STREAMING_MODEL:
        options, not_applied = _options(model, "websocket", form)
        return await stream_response(client, form, options, _headers(not_applied))
    options, not_applied = _options(model, "rest", form)
    if form.stream:  # OpenAI ignores stream=true for whisper-1 and answers whole: so do we
        not_applied.append("stream")
    transcript = await client.transcribe(_audio_file(form), model=model, **options)
    return response_for(transcript, form, task="transcribe", headers=_headers(not_applied))


async def _translate(client: AsyncClient, form: AudioForm) -> Response:
    if model_for(form.model) != TRANSLATION_MODEL:
        raise OpenAIError(
            400,
            f"Only whisper-1 ({TRANSLATION_MODEL}) translates; `{form.model}` cannot.",
            param="model",
            code="unsupported_model",
        )
    options, not_applied = _options(TRANSLATION_MODEL, "rest", form)
    if form.stream:  # OpenAI's translations do not stream
        not_applied.append("stream")
    options.pop(LANGUAGE, None)  # OpenAI's translations take no language: the output is English
    options.update(TRANSLATE)
    transcript = await client.transcribe(_audio_file(form), model=TRANSLATION_MODEL, **options)
    return response_for(transcript, form, task="translate", headers=_headers(not_applied))


def _options(model: str, transport: str, form: AudioForm) -> tuple[dict[str, Any], list[str]]:
    """`options_for` the operation that serves `model` over `transport` (known to exist)."""
    operation = operation_for(model, transport)
    assert operation is not None, (model, transport)
    return options_for(operation, form)


def _audio_file(form: AudioForm) -> AudioFile:
    # No content type: the SDK sniffs it from the bytes, which a form's part header may not match.
    return AudioFile(form.file, filename=form.filename)


def _headers(not_applied: list[str]) -> dict[str, str]:
    return {NOT_APPLIED_HEADER: ", ".join(not_applied)} if not_applied else {}


def _model_object(name: str) -> dict[str, Any]:
    """openai-python's `Model`."""
    return {"id": name, "object": "model", "created": _CREATED, "owned_by": "cloudflare"}


async def _models(request: Request) -> Response:
    del request
    data = [_model_object(name) for name in listed_models()]
    return JSONResponse({"object": "list", "data": data})


async def _model(request: Request) -> Response:
    """`GET /v1/models/{id}` (openai-python's `models.retrieve`): one of `/v1/models`' ids,
    whose slashes (`@cf/openai/whisper`) arrive as path segments or escaped."""
    name = request.path_params["model"]
    if name not in listed_models():
        raise OpenAIError(
            404,
            f"The model `{name}` does not exist; GET /v1/models lists the models served here.",
            param="model",
            code="model_not_found",
        )
    return JSONResponse(_model_object(name))


async def _not_found(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = f"Unknown request URL: {request.method} {request.url.path}."
    if status == 405:
        message = f"Method {request.method} is not allowed on {request.url.path}."
    return OpenAIError(status, message, code="unknown_url").to_response()


def create_v1_app(client_factory: ClientFactory, config: GatewayConfig | None = None) -> Starlette:
    """OpenAI's routes (`/audio/transcriptions`, `/audio/translations`, `/models` and
    `/models/{id}`, and the
    `/realtime` WebSocket for live transcription), to mount
    at `/v1`; `client_factory` makes the SDK client to forward through, on first use."""
    settings = config or GatewayConfig()
    clients = _Clients(client_factory)

    async def transcriptions(request: Request) -> Response:
        return await _audio(request, clients, settings, translate=False)

    async def translations(request: Request) -> Response:
        return await _audio(request, clients, settings, translate=True)

    async def realtime(websocket: WebSocket) -> None:
        await realtime_endpoint(websocket, clients.get, settings)

    routes = [
        WebSocketRoute("/realtime", realtime),
        Route("/audio/transcriptions", _guarded(settings, transcriptions), methods=["POST"]),
        Route("/audio/translations", _guarded(settings, translations), methods=["POST"]),
        Route("/models", _guarded(settings, _models), methods=["GET"]),
        Route("/models/{model:path}", _guarded(settings, _model), methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _not_found})
    app.state.openai_clients = clients
    app.router.redirect_slashes = False  # no 307 to whatever Host says (an open redirect)
    return app


def create_app(client_factory: ClientFactory, config: GatewayConfig | None = None) -> Starlette:
    """The gateway: `create_v1_app` at `/v1`, its client closed when the server stops."""
    v1 = create_v1_app(client_factory, config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        del app
        try:
            yield
        finally:
            await close_client(v1)

    app = Starlette(
        routes=[Mount("/v1", app=v1)],
        exception_handlers={HTTPException: _not_found},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    return app


async def close_client(app: Starlette) -> None:
    """Close the SDK client `app` made, if it made one (call from the owner's lifespan)."""
    clients: Any = app.state.openai_clients
    await clients.aclose()
