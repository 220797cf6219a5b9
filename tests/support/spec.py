"""openapi.yaml as a test oracle: HTTP exchanges via openapi-core, WebSocket frames via jsonschema.

Exchanges are mapped onto the emulator address the spec lists (``http://127.0.0.1:8787``), so
any emulator port validates. Problems are returned as text, never raised, so a caller can
decide which are expected (an injected fault is off-spec on purpose).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

__all__ = [
    "CLIENT_MESSAGES",
    "POST_OPERATIONS",
    "SERVER_MESSAGES",
    "SPEC_PATH",
    "STREAM_OPERATIONS",
    "operation_id",
    "request_problem",
    "response_problem",
    "validate_exchange",
    "ws_problem",
]

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
SPEC_HOST = "http://127.0.0.1:8787"
RUN_PREFIX = "/client/v4/accounts/{account_id}/ai/run/"

POST_OPERATIONS = (
    "runWhisper",
    "runWhisperTinyEn",
    "runWhisperLargeV3Turbo",
    "runNova3",
    "runFlux",
)
STREAM_OPERATIONS = ("streamNova3", "streamNova3Internal", "streamFlux")

# Which component schema a WebSocket text frame must match, by protocol and `type`.
CLIENT_MESSAGES = {
    "v1": {
        "KeepAlive": "Nova3KeepAlive",
        "Finalize": "Nova3Finalize",
        "CloseStream": "Nova3CloseStream",
    },
    "v2": {
        "Configure": "FluxConfigure",
        "ForceEndTurn": "FluxForceEndTurn",
        "CloseStream": "FluxCloseStream",
    },
}
SERVER_MESSAGES = {
    "v1": {
        "Results": "Nova3ResultsMessage",
        "Metadata": "Nova3MetadataMessage",
        "UtteranceEnd": "Nova3UtteranceEndMessage",
        "SpeechStarted": "Nova3SpeechStartedMessage",
    },
    "v2": {
        "Connected": "FluxConnected",
        "TurnInfo": "FluxTurnInfo",
        "ConfigureSuccess": "FluxConfigureSuccess",
        "ConfigureFailure": "FluxConfigureFailure",
        "Error": "FluxError",
    },
}


@functools.cache
def spec_dict() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


@functools.cache
def _openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPEC_PATH))


@functools.cache
def _operation_ids() -> dict[tuple[str, str], str]:
    """(method, model) → operationId, e.g. ("post", "@cf/openai/whisper") → "runWhisper"."""
    found: dict[tuple[str, str], str] = {}
    for path, item in spec_dict()["paths"].items():
        model = path.rsplit("/ai/run/", 1)[1]
        for method, operation in item.items():
            found[(method, model)] = operation["operationId"]
    return found


def operation_id(method: str, path: str) -> str | None:
    """The operationId a request path (``.../ai/run/@cf/...``) belongs to, if any."""
    if "/ai/run/" not in path:
        return None
    return _operation_ids().get((method.lower(), path.rsplit("/ai/run/", 1)[1]))


class _Request:
    """The openapi-core request protocol over an httpx request whose body was read."""

    def __init__(self, request: httpx.Request) -> None:
        self.host_url = SPEC_HOST
        self.path = request.url.path
        self.method = request.method.lower()
        self.content_type = request.headers.get("content-type", "").lower()
        body = request.content or None
        # openapi-core checks a binary body against `type: string`; as text any bytes pass,
        # which is what `format: binary` means.
        if body is not None and "json" not in self.content_type:
            self.body: Any = body.decode("latin-1")
        else:
            self.body = body
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


def _describe(exc: Exception) -> str:
    causes = [str(exc)[:300]]
    inner = exc.__cause__
    while inner is not None:
        causes.append(str(inner)[:300])
        inner = inner.__cause__
    return f"{type(exc).__name__}: " + " <- ".join(causes)


def request_problem(request: httpx.Request) -> str | None:
    """Why ``request`` (body already read) breaks openapi.yaml, or None when it conforms."""
    try:
        _openapi().validate_request(_Request(request))
    except Exception as exc:  # openapi-core raises one class per kind of mismatch
        return _describe(exc)
    return None


def response_problem(response: httpx.Response) -> str | None:
    """Why ``response`` (body already read) breaks openapi.yaml for its request, or None."""
    try:
        _openapi().validate_response(
            _Request(response.request),
            _Response(response),
        )
    except Exception as exc:
        return _describe(exc)
    return None


@functools.cache
def _validator(schema_name: str) -> jsonschema.Draft202012Validator:
    schema = {
        "$ref": f"#/components/schemas/{schema_name}",
        "components": spec_dict()["components"],
    }
    return jsonschema.Draft202012Validator(schema)


def ws_problem(frame: str | bytes, *, protocol: str, from_server: bool) -> str | None:
    """Why a WebSocket frame breaks the message schemas of ``protocol`` ("v1" or "v2").

    Binary frames are audio (client) and never expected from the server. A flux TurnInfo
    may come without ``type`` (Cloudflare's schema omits it): it is matched on ``event``.
    """
    if isinstance(frame, bytes):
        return "the server sent a binary frame" if from_server else None
    try:
        message = json.loads(frame)
    except ValueError as exc:
        return f"text frame is not JSON: {exc}"
    if not isinstance(message, dict):
        return f"text frame is JSON {type(message).__name__}, not an object"
    table = (SERVER_MESSAGES if from_server else CLIENT_MESSAGES)[protocol]
    kind = message.get("type")
    if kind is None and from_server and protocol == "v2" and "event" in message:
        kind = "TurnInfo"
    name = table.get(kind) if isinstance(kind, str) else None
    if name is None:
        return f"message type {kind!r} is not in openapi.yaml for {protocol}"
    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(message))
    return None if error is None else f"{name}: {error.message} at {list(error.absolute_path)}"


def validate_exchange(response: httpx.Response) -> None:
    """Fail the test when ``response`` (status, headers, body) breaks the spec for its request."""
    problem = response_problem(response)
    assert problem is None, problem
