"""One request builder per body kind: what `x-cfasr-body-kind` in openapi.yaml names.

The generated faces (`cfasr_ext/models/_generated.py`) give each operation its typed
signature and docstring and hand the call to the builder of its kind here, with the
operation's contract and its result model's parser. So a model whose kind is known needs no
code: a spec edit and `make regen`. A new kind is a new function here, a handler in the
emulator and a name in `cfasr_contract.BodyKind`.

- raw-audio: the recording as the body with its audio MIME type, options in the query;
- byte-array-json: the recording as the raw body, or as JSON `{"audio": [0-255, ...]}`;
- base64-json: JSON with the recording base64-encoded beside the options, streamed;
- config-json: a JSON body of options and no audio;
- listen-v1 / listen-v2: a WebSocket session of Deepgram's v1 / v2 `listen` protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from cfasr_client.contract import Operation

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._config import Settings
from cfasr_ext._errors import OptionError, UnsupportedOperationError
from cfasr_ext._http import Call
from cfasr_ext._options import check_options, merged_headers
from cfasr_ext._request_bodies import (
    Body,
    base64_json_body,
    byte_array_json_body,
    json_body,
    raw_body,
)
from cfasr_ext._unchecked import ExtraBody, ExtraQuery, merge_body, merge_query, refuse_body

if TYPE_CHECKING:  # streaming (websockets, asyncio) loads on the first stream(), not on import
    from cfasr_ext.streaming import (
        AsyncFluxStream,
        AsyncNova3Stream,
        FluxSessionOptions,
        FluxStream,
        Nova3SessionOptions,
        Nova3Stream,
    )

__all__ = [
    "base64_json",
    "base64_json_batch_item",
    "base64_json_fields",
    "byte_array_json",
    "config_json",
    "listen_v1",
    "listen_v1_sync",
    "listen_v2",
    "listen_v2_sync",
    "no_rest_audio",
    "raw_audio",
]

T = TypeVar("T")
Parse = Callable[[Any], T]


def raw_audio(
    operation: Operation,
    model: str,
    audio: AudioSource,
    parse: Parse[T],
    options: Mapping[str, object],
    *,
    content_type: str | None,
    extra_query: ExtraQuery | None,
    extra_body: ExtraBody | None,
    extra_headers: Mapping[str, str] | None,
) -> Call[T]:
    """The recording is the body, typed by its sniffed MIME type (or `content_type`); the
    options go in the query, only those given (the service's defaults apply)."""
    query = merge_query(operation.query(check_options(operation, options)), extra_query)
    refuse_body(model, extra_body)
    headers = merged_headers(extra_headers)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        return raw_body(opened, content_type)

    return Call(
        model=model, make_body=make_body, parse=parse, params=query, audio=audio, headers=headers
    )


def byte_array_json(
    operation: Operation,
    model: str,
    audio: AudioSource,
    parse: Parse[T],
    options: Mapping[str, object],
    *,
    body_format: Literal["binary", "json"],
    content_type: str | None,
    extra_query: ExtraQuery | None,
    extra_body: ExtraBody | None,
    extra_headers: Mapping[str, str] | None,
) -> Call[T]:
    """Raw binary by default (`application/octet-stream`, streamed from disk); the JSON form
    `{"audio": [byte values]}`, about four times larger, only with `body_format="json"`, for
    proxies that accept JSON only."""
    if body_format not in ("binary", "json"):
        raise OptionError(f"body_format must be 'binary' or 'json', not {body_format!r}.")
    query = merge_query(operation.query(check_options(operation, options)), extra_query)
    if body_format == "binary":
        refuse_body(model, extra_body, hint=", or body_format='json' to send a JSON body")
    fields = merge_body({}, extra_body, model=model)
    headers = merged_headers(extra_headers)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        if body_format == "json":
            return byte_array_json_body(opened, fields)
        return raw_body(opened, content_type or "application/octet-stream")

    return Call(
        model=model, make_body=make_body, parse=parse, params=query, audio=audio, headers=headers
    )


def base64_json_fields(operation: Operation, options: Mapping[str, object]) -> dict[str, Any]:
    """The checked options as the JSON fields of the body (without `audio`), every option
    the spec gives a default stated, so results do not depend on server defaults changing."""
    return operation.body(check_options(operation, options, defaults=True))


def base64_json(
    operation: Operation,
    model: str,
    audio: AudioSource,
    parse: Parse[T],
    options: Mapping[str, object],
    *,
    extra_query: ExtraQuery | None,
    extra_body: ExtraBody | None,
    extra_headers: Mapping[str, str] | None,
) -> Call[T]:
    """JSON written as prefix + base64 chunks + suffix, so a 200 MB recording never sits in
    memory; its Content-Length is computed from the file size."""
    checked = check_options(operation, options, defaults=True)
    fields = merge_body(operation.body(checked), extra_body, model=model)
    query = merge_query(operation.query(checked), extra_query)
    headers = merged_headers(extra_headers)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        return base64_json_body(opened, fields)

    return Call(
        model=model, make_body=make_body, parse=parse, params=query, audio=audio, headers=headers
    )


def base64_json_batch_item(operation: Operation) -> Callable[..., dict[str, Any]]:
    """One item of a queued batch of a base64-json operation, audio included (base64)."""
    from cfasr_ext.models.batch import audio_base64

    def item(audio: AudioSource, **options: Any) -> dict[str, Any]:
        try:
            fields = base64_json_fields(operation, options)
        except TypeError as exc:
            raise OptionError(f"{operation.model} batch: {exc}") from None
        return {**fields, "audio": audio_base64(audio)}

    return item


def config_json(
    operation: Operation,
    model: str,
    parse: Parse[T],
    options: Mapping[str, object],
    *,
    extra_query: ExtraQuery | None,
    extra_body: ExtraBody | None,
    extra_headers: Mapping[str, str] | None,
) -> Call[T]:
    """A JSON body of the checked options (defaults stated) and no audio; a result that is
    not an object is parsed as `{"value": result}`."""
    checked = check_options(operation, options, defaults=True)
    content, kind = json_body(merge_body(operation.body(checked), extra_body, model=model))
    query = merge_query(operation.query(checked), extra_query)
    headers = merged_headers(extra_headers)

    def make_body(_: Audio | None) -> Body:
        return Body(content_type=kind, length=len(content), audio=None, prefix=content)

    def parse_any(result: Any) -> T:
        return parse(result if isinstance(result, Mapping) else {"value": result})

    return Call(model=model, make_body=make_body, parse=parse_any, params=query, headers=headers)


def no_rest_audio(model: str, stream: str | None) -> UnsupportedOperationError:
    """The refusal of `transcribe` on a model whose POST carries configuration only."""
    instead = f"Stream instead with {stream} (linear16 PCM), or use" if stream else "Use"
    return UnsupportedOperationError(
        f"{model} cannot transcribe over REST: its POST takes configuration only, no audio. "
        f"{instead} a model that takes recordings (`cfasr models` lists them)."
    )


def listen_v1(model: str, settings: Settings, options: Nova3SessionOptions) -> AsyncNova3Stream:
    """A Deepgram v1 `listen` session with `model`; open it with `async with`."""
    from cfasr_ext.streaming import connect_listen_v1

    return connect_listen_v1(model, settings, **options)


def listen_v1_sync(model: str, settings: Settings, options: Nova3SessionOptions) -> Nova3Stream:
    """The blocking twin of `listen_v1` (the session is opened on first use)."""
    from cfasr_ext.streaming import Nova3Stream

    return Nova3Stream(lambda: listen_v1(model, settings, options))


def listen_v2(model: str, settings: Settings, options: FluxSessionOptions) -> AsyncFluxStream:
    """A Deepgram v2 `listen` session with `model`; open it with `async with`."""
    from cfasr_ext.streaming import connect_listen_v2

    return connect_listen_v2(model, settings, **options)


def listen_v2_sync(model: str, settings: Settings, options: FluxSessionOptions) -> FluxStream:
    """The blocking twin of `listen_v2`."""
    from cfasr_ext.streaming import FluxStream

    return FluxStream(lambda: listen_v2(model, settings, options))
