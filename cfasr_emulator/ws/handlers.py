"""Starlette WebSocket endpoints for the three streaming operations.

Everything that can refuse a session happens before ``accept``: account id, credentials,
rate limit, injected refusals, the concurrent-session cap (all in
``EmulatorContext.admit_websocket``) and the query options. A refusal is an HTTP response
with Cloudflare's error envelope instead of the 101, as the real service answers.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable

from cfasr_client.contract import OPERATIONS
from starlette.routing import BaseRoute, WebSocketRoute
from starlette.websockets import WebSocket

from cfasr_contract import BodyKind

from .. import error_envelope
from ..catalog import RUN_PREFIX, WEBSOCKET_OPERATIONS
from ..context import EmulatorContext, WebSocketAdmission
from ..engine import SAMPLE_BYTES, choose_model, is_raw_encoding
from .multichannel import nova_recognizer
from .options import OptionProblem, V1Options, V2Options, parse_v1, parse_v2
from .protocol import Recognizer
from .recognizer_v2 import FluxRecognizer
from .session import Session
from .stream_transcriber import EngineTranscriber

_CONTAINER_BYTES_PER_SECOND = 32_000
"""Back-pressure budget for compressed streams of unknown rate (generous: 256 kbit/s)."""


def _created() -> str:
    now = datetime.datetime.now(datetime.UTC)
    return now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _v1_bytes_per_second(options: V1Options) -> int:
    if is_raw_encoding(options.encoding) and options.sample_rate:
        return SAMPLE_BYTES[options.encoding] * options.sample_rate * options.channels
    return _CONTAINER_BYTES_PER_SECOND


async def _admit(
    ctx: EmulatorContext, websocket: WebSocket, model: str
) -> WebSocketAdmission | None:
    """Run the pre-upgrade checks; on refusal answer the HTTP response and return None."""
    try:
        return await ctx.admit_websocket(
            headers=websocket.headers,
            account_id=websocket.path_params["account_id"],
            path=websocket.url.path,
            operation=WEBSOCKET_OPERATIONS[model],
        )
    except error_envelope.ApiError as exc:
        await websocket.send_denial_response(exc.to_response(ctx.new_request_id()))
        return None


async def _refuse_options(websocket: WebSocket, problem: OptionProblem, request_id: str) -> None:
    error = error_envelope.bad_input(str(problem), request_id)
    await websocket.send_denial_response(error.to_response(request_id))


def _nova_endpoint(ctx: EmulatorContext, model: str) -> Callable[[WebSocket], object]:
    async def endpoint(websocket: WebSocket) -> None:
        admission = await _admit(ctx, websocket, model)
        if admission is None:
            return
        with admission:
            try:
                options = parse_v1(websocket.query_params.multi_items())
            except OptionProblem as problem:
                await _refuse_options(websocket, problem, admission.request_id)
                return
            stop = threading.Event()
            transcriber = EngineTranscriber(
                ctx.engine,
                model=options.model,
                language=options.whisper_language,
                keyterms=options.keyterms,
                stop=stop,
            )
            recognizer = nova_recognizer(
                options,
                transcriber,
                request_id=admission.request_id,
                created=_created(),
                recognition_skipped=ctx.recognition_skipped,
                max_audio_seconds=ctx.config.max_audio_seconds,
            )
            await _serve(
                ctx, websocket, admission, model, recognizer, _v1_bytes_per_second(options), stop
            )

    return endpoint


def _flux_endpoint(ctx: EmulatorContext, model: str) -> Callable[[WebSocket], object]:
    async def endpoint(websocket: WebSocket) -> None:
        admission = await _admit(ctx, websocket, model)
        if admission is None:
            return
        with admission:
            try:
                options: V2Options = parse_v2(websocket.query_params.multi_items())
            except OptionProblem as problem:
                await _refuse_options(websocket, problem, admission.request_id)
                return
            stop = threading.Event()
            transcriber = EngineTranscriber(
                ctx.engine,
                model=choose_model(model, language="en"),
                language="en",
                keyterms=options.keyterms,
                stop=stop,
            )
            recognizer = FluxRecognizer(
                options,
                transcriber,
                request_id=admission.request_id,
                recognition_skipped=ctx.recognition_skipped,
                max_audio_seconds=ctx.config.max_audio_seconds,
            )
            await _serve(
                ctx, websocket, admission, model, recognizer, 2 * options.sample_rate, stop
            )

    return endpoint


async def _serve(
    ctx: EmulatorContext,
    websocket: WebSocket,
    admission: WebSocketAdmission,
    model: str,
    recognizer: Recognizer,
    audio_bytes_per_second: int,
    stop: threading.Event,
) -> None:
    await websocket.accept(headers=[(b"cf-ai-req-id", admission.request_id.encode())])
    session = Session(
        websocket,
        recognizer,
        audio_bytes_per_second=audio_bytes_per_second,
        idle_timeout_s=ctx.config.idle_timeout_s,
        queued_audio_s=ctx.config.ws_queued_audio_s,
        fault=admission.fault,
        shutdown=ctx.shutdown,
        grace_over=ctx.grace_over,
        on_finish=stop.set,
        batch_audio=ctx.recognition_skipped,
    )
    try:
        await session.run()
    finally:
        stop.set()  # A final decode still waiting for an engine slot gives up now.
        ctx.bill(websocket.path_params["account_id"], model, recognizer.audio_seconds, "websocket")


async def _not_streaming(websocket: WebSocket) -> None:
    model = websocket.path_params["model"]
    request_id = EmulatorContext.new_request_id()
    error = error_envelope.bad_input(
        f"{model} has no WebSocket interface; POST the audio instead "
        f"(streaming models: {', '.join(WEBSOCKET_OPERATIONS)})",
        request_id,
    )
    await websocket.send_denial_response(error.to_response(request_id))


_ENDPOINTS: dict[BodyKind, Callable[[EmulatorContext, str], Callable[[WebSocket], object]]] = {
    "listen-v1": _nova_endpoint,
    "listen-v2": _flux_endpoint,
}
"""The endpoint of each WebSocket body kind (openapi.yaml's ``x-cfasr-body-kind``)."""


def websocket_routes(ctx: EmulatorContext) -> list[BaseRoute]:
    """The streaming routes, one per WebSocket operation of the contract, to mount before the
    REST routes of the same paths."""
    routes: list[BaseRoute] = []
    for model, operation in WEBSOCKET_OPERATIONS.items():
        kind = OPERATIONS[operation].body_kind
        assert kind is not None, operation  # generation refuses an operation without one
        routes.append(WebSocketRoute(RUN_PREFIX + model, _ENDPOINTS[kind](ctx, model)))
    routes.append(WebSocketRoute(RUN_PREFIX + "{model:path}", _not_streaming))
    return routes
