"""Read a request body within a byte budget, without holding more of it than the parser does.

The limit is checked twice: a declared `Content-Length` over it is refused before a byte is
read, and a chunked (or lying) body is counted as it arrives. A refused body is still read to
its end, up to `DRAIN_FACTOR` times the limit, and thrown away: an HTTP client writes its
whole body before it reads the answer, so closing early would show it a broken connection
instead of the 413.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Message

from .errors import OpenAIError

__all__ = ["DRAIN_FACTOR", "limited_request", "refuse_declared_oversize", "too_large"]

DRAIN_FACTOR = 4


def too_large(limit: int) -> OpenAIError:
    return OpenAIError(
        413,
        f"Maximum content size limit ({limit}) exceeded: the request body is larger than "
        f"{limit} bytes.",
        param="file",
        code="file_too_large",
    )


async def _drain(request: Request, already: int, limit: int) -> None:
    """Read and drop the rest of a refused body (bounded), so the 413 can be read."""
    received = already
    while received <= DRAIN_FACTOR * limit:
        message = await request.receive()
        if message["type"] != "http.request":
            return
        received += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def refuse_declared_oversize(request: Request, limit: int) -> None:
    """Raise the 413 at once when `Content-Length` already says the body is too large."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        await _drain(request, 0, limit)
        raise too_large(limit)


def limited_request(request: Request, limit: int) -> Request:
    """`request` whose body reads raise the 413 once more than `limit` bytes arrived."""
    receive = request.receive
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                if message.get("more_body", False):
                    await _drain(request, received, limit)
                raise too_large(limit)
        return message

    return Request(request.scope, counted)
