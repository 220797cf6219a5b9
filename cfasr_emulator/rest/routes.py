"""The five POST operations at their real paths, each answering in Cloudflare's envelopes.

Order of checks, as on Cloudflare: account id routing (7003), credentials (10000 / 6003),
rate limit (429), then the model id (3042 / 5007), injected faults, the body size (3006) and
the model's own input validation (5006).

The checks shared by every model run here; ``handlers`` runs the model's own, ``answer``
writes the envelope.
"""

from __future__ import annotations

import asyncio
import functools

from cfasr_client.contract import OPERATIONS
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from cfasr_contract import BodyKind

from .. import error_envelope
from ..catalog import (
    REST_OPERATIONS,
    RUN_PREFIX,
    WEBSOCKET_OPERATIONS,
    is_well_formed_model_id,
)
from ..context import EmulatorContext, fault_error
from ..faults import DelayFault, StatusFault
from ..grace import answer_before_cancel
from ..limits import read_body
from . import inputs
from .abandon import watch_disconnect
from .answer import success_response
from .call import RestCall
from .handlers import HANDLERS
from .turbo_body import TurboBodyFeeder


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
        # Still running when the shutdown grace ends: 503 in the envelope, not uvicorn's 500.
        return await answer_before_cancel(
            ctx.grace_over, functools.partial(answer, request), ctx.new_request_id
        )

    async def answer(request: Request) -> Response:
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
            async with watch_disconnect(request):  # a client that leaves stops its work
                outcome = await HANDLERS[kind](call)
            return success_response(call, outcome, fault)
        except error_envelope.ApiError as exc:
            return exc.to_response(request_id)
        finally:
            if feeder is not None:
                feeder.close()

    return [Route(RUN_PREFIX + "{model:path}", run, methods=["GET", "POST"])]
