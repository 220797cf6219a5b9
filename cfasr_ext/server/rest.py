"""The five POST operations (filled in below); every refusal is an envelope."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from . import errors
from .catalog import RUN_PREFIX
from .context import EmulatorContext


def routes(ctx: EmulatorContext) -> list[BaseRoute]:
    async def run(request: Request) -> Response:
        request_id = ctx.new_request_id()
        try:
            account_id = request.path_params["account_id"]
            ctx.admit(headers=request.headers, account_id=account_id, path=request.url.path)
            raise errors.no_such_model(request.path_params["model"])
        except errors.ApiError as exc:
            return exc.to_response(request_id)

    path = RUN_PREFIX.replace("{account_id}", "{account_id}") + "{model:path}"
    return [Route(path, run, methods=["GET", "POST"])]
