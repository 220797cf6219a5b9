"""The five POST operations at their real paths, each answering in Cloudflare's envelopes.

Order of checks, as on Cloudflare: account id routing (7003), credentials (10000 / 6003),
rate limit (429), then the model id (3042 / 5007), injected faults, the body size (3006) and
the model's own input validation (5006).

Whatever costs time in proportion to the body (JSON parsing, the byte-array and base64
audio inputs, hashing) runs in a worker thread, so one big body never stalls the event loop
and every other request and stream with it.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
from cfasr_client.contract import OPERATIONS
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from cfasr_contract import BodyKind

from .. import error_envelope
from ..catalog import (
    REST_OPERATIONS,
    RUN_PREFIX,
    WEBSOCKET_OPERATIONS,
    is_well_formed_model_id,
)
from ..context import EmulatorContext, fault_error
from ..engine import (
    PROBED_ENCODINGS,
    DecodeOptions,
    ModelName,
    choose_model,
    is_raw_encoding,
    supported_languages,
    undecodable_encoding,
)
from ..faults import DelayFault, ResetFault, StatusFault, TruncateFault
from ..json_depth import MAX_JSON_DEPTH, too_deep
from ..limits import read_body
from ..neurons import format_neurons
from . import inputs
from .batch import BatchItemInput
from .recognise import RawFormat, recognise
from .results import (
    SKIPPED_NOTE,
    nova3_channels_result,
    turbo_result,
    whisper_result,
)
from .turbo_body import TurboBodyFeeder

STREAM_FROM_BYTES = 64 * 1024
"""Turbo bodies from this size on are decoded piece by piece as they arrive, in a thread
(the event loop keeps serving); smaller ones are parsed whole, on the loop, as they always
were."""


@attrs.frozen
class Outcome:
    """A model's result plus what the envelope and headers need."""

    result: dict[str, Any]
    audio_seconds: float = 0.0
    skipped: bool = False


@attrs.frozen
class RestCall:
    """One POST, after the shared checks: who, which model, the body and the query."""

    ctx: EmulatorContext
    request_id: str
    account_id: str
    model: str
    body: bytes
    content_type: str | None
    query: tuple[tuple[str, str], ...]
    turbo_feeder: TurboBodyFeeder | None = None
    """The turbo body decoded as it arrived (turbo only)."""

    @property
    def queued(self) -> bool:
        return inputs.is_queued(self.query)

    def json_body(self) -> Any:
        if too_deep(self.body):
            raise error_envelope.bad_input(
                f"the body is not valid JSON (nested deeper than {MAX_JSON_DEPTH} levels)",
                self.request_id,
            )
        return inputs.parse_json(self.body, self.request_id)

    async def parse_json(self) -> Any:
        """:meth:`json_body` in a worker thread (a 40 MB body takes seconds to parse)."""
        return await asyncio.to_thread(self.json_body)


Handler = Callable[[RestCall], Awaitable[Outcome]]


# --- batches ----------------------------------------------------------------------------


def _batch_submit(call: RestCall, items: list[BatchItemInput]) -> Outcome:
    result = call.ctx.batches.submit(
        request_id=call.request_id, model=call.model, account_id=call.account_id, items=items
    )
    return Outcome(result)


def _batch_poll(call: RestCall, doc: dict[str, Any]) -> Outcome:
    request_id = doc["request_id"]
    if not isinstance(request_id, str):
        raise error_envelope.bad_input(
            f"Type mismatch of '/request_id', '{inputs.json_type(request_id)}' not in 'string'",
            call.request_id,
        )
    return Outcome(
        call.ctx.batches.poll(
            request_id, model=call.model, account_id=call.account_id, rid=call.request_id
        )
    )


def _batch_requests(call: RestCall, doc: dict[str, Any]) -> list[Any]:
    requests = doc["requests"]
    if not isinstance(requests, list):
        raise error_envelope.bad_input(
            f"Type mismatch of '/requests', '{inputs.json_type(requests)}' not in 'array'",
            call.request_id,
        )
    if not requests:
        raise error_envelope.bad_input("'/requests' must have at least 1 item", call.request_id)
    return requests


def _item(call: RestCall, run: Callable[[], Awaitable[Outcome]], ref: str | None) -> BatchItemInput:
    async def result() -> dict[str, Any]:
        outcome = await run()
        call.ctx.bill(call.account_id, call.model, outcome.audio_seconds)
        return outcome.result

    return BatchItemInput(result, ref)


def _reference(item: object) -> str | None:
    ref = item.get("external_reference") if isinstance(item, dict) else None
    return ref if isinstance(ref, str) else None


# --- whisper and whisper-tiny-en ----------------------------------------------------------

_LOCAL_OPTIONS = DecodeOptions.for_local_models()


async def _whisper_audio(call: RestCall, audio: bytes) -> Outcome:
    model: ModelName = choose_model(call.model)
    ((result, _),) = await recognise(
        call.ctx, audio, model=model, request_id=call.request_id, options=_LOCAL_OPTIONS
    )
    return Outcome(whisper_result(result), result.duration, result.recognition_skipped)


def _whisper_batch_audio(call: RestCall, doc: dict[str, Any]) -> list[tuple[bytes, str | None]]:
    return [
        (inputs.whisper_audio(item, call.request_id, f"/requests/{index}"), _reference(item))
        for index, item in enumerate(_batch_requests(call, doc))
    ]


async def run_whisper(call: RestCall) -> Outcome:
    """Raw audio body, or JSON ``{"audio": [bytes]}``; batches with ``queueRequest=true``."""
    if not inputs.is_json(call.content_type):
        if call.queued:
            return _batch_submit(call, [_item(call, lambda: _whisper_audio(call, call.body), None)])
        return await _whisper_audio(call, call.body)
    plain = await asyncio.to_thread(inputs.byte_array_audio, call.body, call.request_id)
    if plain is not None:  # {"audio": [...]} alone, parsed without holding the GIL long
        if call.queued:
            run = functools.partial(_whisper_audio, call, plain)
            return _batch_submit(call, [_item(call, run, None)])
        return await _whisper_audio(call, plain)
    doc = inputs.require_object(await call.parse_json(), call.request_id)
    if call.queued and "request_id" in doc:
        return _batch_poll(call, doc)
    if call.queued and "requests" in doc:
        audios = await asyncio.to_thread(_whisper_batch_audio, call, doc)
        items = [
            _item(call, functools.partial(_whisper_audio, call, audio), ref)
            for audio, ref in audios
        ]
        return _batch_submit(call, items)
    audio = await asyncio.to_thread(inputs.whisper_audio, doc, call.request_id)
    if call.queued:
        return _batch_submit(call, [_item(call, lambda: _whisper_audio(call, audio), None)])
    return await _whisper_audio(call, audio)


# --- whisper-large-v3-turbo ---------------------------------------------------------------


async def _turbo(call: RestCall, request: inputs.TurboRequest) -> Outcome:
    ((result, _),) = await recognise(
        call.ctx,
        request.audio,
        model=choose_model(call.model),
        request_id=call.request_id,
        options=request.options,
    )
    return Outcome(turbo_result(result), result.duration, result.recognition_skipped)


async def run_turbo(call: RestCall) -> Outcome:
    """JSON with base64 ``audio`` and faster-whisper options; batches with queueRequest."""
    if not (inputs.is_json(call.content_type) or call.body.lstrip()[:1] in (b"{", b"[")):
        raise error_envelope.bad_input(
            "Type mismatch of '/', 'binary' not in 'object': whisper-large-v3-turbo takes a "
            'JSON body {"audio": "<base64 of the audio file>"}',
            call.request_id,
        )
    audio: bytes | None = None
    streamed = None
    if len(call.body) >= STREAM_FROM_BYTES and call.turbo_feeder is not None:
        streamed = await call.turbo_feeder.finish()
    if streamed is None:  # Small, or not the common shape: the full parse answers it exactly.
        doc = inputs.require_object(await call.parse_json(), call.request_id)
    else:
        doc, audio = streamed.doc, streamed.audio
    languages = supported_languages()
    if call.queued and "request_id" in doc:
        return _batch_poll(call, doc)
    if call.queued and "requests" in doc:
        requests = await asyncio.to_thread(
            lambda: [
                inputs.turbo_request(item, call.request_id, languages, f"/requests/{index}")
                for index, item in enumerate(_batch_requests(call, doc))
            ]
        )
        items = [
            _item(call, functools.partial(_turbo, call, request), request.external_reference)
            for request in requests
        ]
        return _batch_submit(call, items)
    request = await asyncio.to_thread(
        functools.partial(
            inputs.turbo_request, doc, call.request_id, languages, decoded_audio=audio
        )
    )
    if call.queued:
        return _batch_submit(call, [_item(call, lambda: _turbo(call, request), None)])
    return await _turbo(call, request)


# --- nova-3 -------------------------------------------------------------------------------


def _nova3_raw(options: inputs.Nova3Options, request_id: str) -> RawFormat | None:
    encoding = options.encoding
    if encoding is None or encoding in PROBED_ENCODINGS:
        return None
    if not is_raw_encoding(encoding):
        raise error_envelope.bad_input(undecodable_encoding(encoding), request_id)
    if options.sample_rate is None:
        raise error_envelope.bad_input(
            f"sample_rate is required with encoding={encoding}", request_id
        )
    return RawFormat(encoding, options.sample_rate, options.channels)


async def _nova3_audio(
    call: RestCall, options: inputs.Nova3Options, raw: RawFormat | None
) -> Outcome:
    created = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
    language = options.whisper_language
    model = choose_model(call.model, language=language, detect_language=options.detects)
    decode = attrs.evolve(_LOCAL_OPTIONS, language=language)
    # One result per channel with multichannel=true; otherwise one, of the mixed-down audio.
    heard = await recognise(
        call.ctx,
        call.body,
        model=model,
        request_id=call.request_id,
        raw=raw,
        multichannel=options.multichannel,
        options=decode,
        hotwords=options.hotwords,
        with_regions=options.utterances or options.paragraphs,
        diarize=options.diarize,
    )
    # Off the event loop: search, replace and paragraphs work over every word heard.
    body = await asyncio.to_thread(
        functools.partial(
            nova3_channels_result,
            heard,
            options=options,
            request_id=call.request_id,
            sha256=hashlib.sha256(call.body).hexdigest(),
            created=created.replace("+00:00", "Z"),
        )
    )
    duration = max(channel.result.duration for channel in heard)
    skipped = any(channel.result.recognition_skipped for channel in heard)
    return Outcome(body, duration, skipped)


def _nova3_batch_items(call: RestCall, doc: dict[str, Any]) -> list[BatchItemInput]:
    """A JSON batch of nova-3 items, each checked now (audio and options) and run later."""
    items = []
    for index, raw_item in enumerate(_batch_requests(call, doc)):
        item = inputs.nova3_batch_item(raw_item, call.request_id, f"/requests/{index}")
        options = inputs.nova3_options(item.query, call.request_id)
        raw = _nova3_raw(options, call.request_id)
        item_call = attrs.evolve(
            call, body=item.audio, content_type=item.content_type, query=item.query
        )
        run = functools.partial(_nova3_audio, item_call, options, raw)
        items.append(_item(call, run, item.external_reference))
    return items


async def run_nova3(call: RestCall) -> Outcome:
    """Raw audio body with its MIME type; Deepgram options in the query string."""
    if inputs.is_json(call.content_type):
        doc = await call.parse_json()
        if call.queued and isinstance(doc, dict) and "request_id" in doc:
            return _batch_poll(call, doc)
        if call.queued and isinstance(doc, dict) and "requests" in doc:
            return _batch_submit(call, await asyncio.to_thread(_nova3_batch_items, call, doc))
        raise error_envelope.bad_input(
            "required properties at '/audio' are 'body,contentType'", call.request_id
        )
    options = inputs.nova3_options(call.query, call.request_id)
    raw = _nova3_raw(options, call.request_id)
    if call.queued:
        return _batch_submit(call, [_item(call, lambda: _nova3_audio(call, options, raw), None)])
    return await _nova3_audio(call, options, raw)


# --- flux ---------------------------------------------------------------------------------


async def run_flux(call: RestCall) -> Outcome:
    """Flux has no audio input over REST (facts sheet §9): always 400 / 5006, explained."""
    raise error_envelope.bad_input(
        "@cf/deepgram/flux takes no audio over REST: it is a real-time model. Open a "
        "WebSocket instead (GET with 'Upgrade: websocket' to this URL, e.g. "
        "?encoding=linear16&sample_rate=16000) and stream the audio as binary frames",
        call.request_id,
    )


HANDLERS: dict[BodyKind, Handler] = {
    "byte-array-json": run_whisper,
    "base64-json": run_turbo,
    "raw-audio": run_nova3,
    "config-json": run_flux,
}
"""The handler of each REST body kind (openapi.yaml's ``x-cfasr-body-kind``): a model whose
kind is known is served as soon as the spec lists it."""


# --- responses ----------------------------------------------------------------------------


class DroppedResponse(Response):
    """Sends the headers and the first bytes of the body, then drops the connection."""

    def __init__(self, body: bytes, after_bytes: int, headers: dict[str, str]) -> None:
        super().__init__(body, headers=headers, media_type="application/json")
        self._after = min(after_bytes, max(len(body) - 1, 0))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        del scope, receive
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await send(
            {"type": "http.response.body", "body": self.body[: self._after], "more_body": True}
        )
        # Returning without finishing the body makes the server close the connection.


def _success(call: RestCall, outcome: Outcome, fault: object) -> Response:
    messages = [{"message": SKIPPED_NOTE}] if outcome.skipped else []
    body = json.dumps(
        {"result": outcome.result, "success": True, "errors": [], "messages": messages}
    ).encode()
    neurons = call.ctx.bill(call.account_id, call.model, outcome.audio_seconds)
    headers = {
        error_envelope.REQUEST_ID_HEADER: call.request_id,
        error_envelope.NEURONS_HEADER: format_neurons(neurons),
    }
    if isinstance(fault, ResetFault):
        return DroppedResponse(body, fault.after_bytes, headers)
    if isinstance(fault, TruncateFault):
        body = body[: len(body) // 2]
    return Response(body, headers=headers, media_type="application/json")


def _model_operation(model: str, method: str) -> str:
    if not is_well_formed_model_id(model):
        raise error_envelope.invalid_model_id(model)
    if method == "GET":
        if model in WEBSOCKET_OPERATIONS:
            raise error_envelope.websocket_required(model)
        raise error_envelope.method_not_allowed()
    operation = REST_OPERATIONS.get(model)
    if operation is None:
        raise error_envelope.no_such_model(model)
    return operation


def _rest_kind(operation: str) -> BodyKind:
    kind = OPERATIONS[operation].body_kind
    assert kind is not None, operation  # generation refuses a REST operation without one
    return kind


def _refuse_two_framings(request: Request) -> None:
    """Refuse a body framed both by Content-Length and by Transfer-Encoding, and close.

    h11 reads such a body as chunked (as RFC 9112 allows) but kept the connection open, so
    bytes after the chunked body were served as a second request: the request smuggling a
    proxy in front could be fooled by. RFC 9112 section 6.1 says to close after answering.
    """
    if "transfer-encoding" in request.headers and "content-length" in request.headers:
        error = error_envelope.malformed_request(
            "it has both Content-Length and Transfer-Encoding; send one of them"
        )
        error.headers["Connection"] = "close"
        raise error


def routes(ctx: EmulatorContext) -> list[BaseRoute]:
    """The catch-all ``/ai/run/{model}`` route serving the five POST operations."""

    async def run(request: Request) -> Response:
        request_id = ctx.new_request_id()
        feeder: TurboBodyFeeder | None = None
        try:
            _refuse_two_framings(request)
            account_id = request.path_params["account_id"]
            model = request.path_params["model"]
            ctx.admit(headers=request.headers, account_id=account_id, path=request.url.path)
            operation = _model_operation(model, request.method)
            fault = ctx.http_fault(operation, request.headers)
            if isinstance(fault, StatusFault):
                raise fault_error(fault)
            if isinstance(fault, DelayFault):
                await asyncio.sleep(fault.seconds)
            query = tuple(request.query_params.multi_items())
            inputs.check_query(operation, query, request_id)
            queued = inputs.is_queued(query)
            limit = ctx.config.max_body_bytes
            if queued:
                limit = min(limit, ctx.config.max_batch_bytes)
            kind = _rest_kind(operation)
            if kind == "base64-json":
                feeder = TurboBodyFeeder()
            call = RestCall(
                ctx=ctx,
                request_id=request_id,
                account_id=account_id,
                model=model,
                body=await read_body(
                    request,
                    limit,
                    ctx.config.body_timeout_s,
                    feeder.feed if feeder is not None else None,
                ),
                content_type=request.headers.get("content-type"),
                query=query,
                turbo_feeder=feeder,
            )
            outcome = await HANDLERS[kind](call)
            return _success(call, outcome, fault)
        except error_envelope.ApiError as exc:
            return exc.to_response(request_id)
        finally:
            if feeder is not None:
                feeder.close()

    return [Route(RUN_PREFIX + "{model:path}", run, methods=["GET", "POST"])]
