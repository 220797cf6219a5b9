"""Validate real emulator exchanges against openapi.yaml with openapi-core."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
# The spec lists the emulator at its default address; exchanges are mapped onto it.
SPEC_HOST = "http://127.0.0.1:8787"


@functools.cache
def spec() -> Any:
    return OpenAPI.from_file_path(str(SPEC_PATH))


class _Request:
    def __init__(self, request: httpx.Request) -> None:
        self.host_url = SPEC_HOST
        self.path = request.url.path
        self.method = request.method.lower()
        self.body: bytes | None = request.content or None
        self.content_type = request.headers.get("content-type", "").lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.items())),
        )


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.data = response.content
        self.content_type = response.headers.get("content-type", "")
        self.headers = Headers(list(response.headers.items()))


def validate_exchange(response: httpx.Response) -> None:
    """Raise if the response (status, headers, body) does not match the spec for its request."""
    spec().validate_response(_Request(response.request), _Response(response))
