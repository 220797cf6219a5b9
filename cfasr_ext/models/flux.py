"""@cf/deepgram/flux over REST: the POST carries configuration only and does not transcribe.

Flux is a real-time turn-taking model; Cloudflare documents it only over the WebSocket. The
POST exists in the schema with a configuration-only body (no audio), so `run_config` sends
exactly that and returns whatever comes back (expect a 400 telling you to stream), while
`transcribe` refuses up front and points at `client.flux.stream(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn, Unpack

from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.options import RunFluxOptions
from cfasr_client.models import FluxResult

from cfasr_ext._audio_sources import Audio
from cfasr_ext._errors import UnsupportedOperationError
from cfasr_ext._http import Call
from cfasr_ext._request_bodies import Body, json_body
from cfasr_ext._unchecked import ExtraBody, ExtraQuery, merge_body, merge_query
from cfasr_ext.models._method import (
    AsyncNamespace,
    SyncNamespace,
    async_method,
    async_raw_method,
    sync_method,
    sync_raw_method,
)
from cfasr_ext.models._options import (
    check_options,
    document_options,
    merged_headers,
    rest_operation,
)

if TYPE_CHECKING:  # streaming (websockets, asyncio) loads on the first stream(), not on import
    from cfasr_ext.streaming import AsyncFluxStream, FluxSessionOptions, FluxStream

__all__ = ["AsyncFlux", "Flux", "build_flux_run_config"]


_NOT_REST = (
    "@cf/deepgram/flux cannot transcribe over REST: its POST takes configuration only, no "
    "audio. Stream instead with client.flux.stream(...) (linear16 PCM), or use nova-3 or "
    "whisper-large-v3-turbo for recordings."
)


def _parse(result: Any) -> FluxResult:
    return FluxResult.from_dict(result if isinstance(result, Mapping) else {"value": result})


def build_flux_run_config(
    model: str,
    /,
    *,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
    extra_headers: Mapping[str, str] | None = None,
    **options: Unpack[RunFluxOptions],
) -> Call[FluxResult]:
    """POST flux's configuration (`FluxInput`); returns the untyped `FluxResult`.

    This does not transcribe anything — see the module docs. Options are `runFlux`'s in
    openapi.yaml (see the options reference); `encoding` and `sample_rate` default to the
    spec's linear16 and 16000.

    `extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options newer
    than openapi.yaml: they replace same-name parameters, fields and headers (see the
    "Options the spec does not know yet" guide)."""
    operation = rest_operation(model)
    checked = check_options(operation, options, defaults=True)
    content, kind = json_body(merge_body(operation.body(checked), extra_body, model=model))
    query = merge_query(operation.query(checked), extra_query)
    headers = merged_headers(extra_headers)

    def make_body(_: Audio | None) -> Body:
        return Body(content_type=kind, length=len(content), audio=None, prefix=content)

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=query,
        headers=headers,
    )


document_options(build_flux_run_config, OPERATIONS["runFlux"])


class Flux(SyncNamespace):
    """`client.flux`: live `stream(...)`; the REST POST carries configuration only."""

    def stream(self, **options: Unpack[FluxSessionOptions]) -> FluxStream:
        """A blocking live flux session (Deepgram v2 `listen`); use it as a context manager.

        Options are the spec's streaming query parameters (listed below; `encoding` and
        `sample_rate` default to the spec's linear16 and 16000) plus the session's `reconnect`,
        `keepalive_interval`, `max_queued_chunks`, `close_timeout` and
        `extra_query` (query parameters sent unchecked; see
        `cfasr_ext.streaming.connect_flux`). Invalid options raise `OptionError` here."""
        settings = self._client.settings
        from cfasr_ext.streaming import FluxStream, connect_flux

        return FluxStream(lambda: connect_flux(settings, **options))

    run_config = sync_method(build_flux_run_config)

    def transcribe(self, audio: object, /, **options: object) -> NoReturn:  # noqa: ARG002
        """Always raises `UnsupportedOperationError`: flux transcribes only by streaming."""
        raise UnsupportedOperationError(_NOT_REST)

    @property
    def with_raw_response(self) -> FluxWithRawResponse:
        return FluxWithRawResponse(self._client, self.model)


class FluxWithRawResponse(SyncNamespace):
    run_config = sync_raw_method(build_flux_run_config)


class AsyncFlux(AsyncNamespace):
    """`async_client.flux`: live `stream(...)`; the REST POST carries configuration only."""

    def stream(self, **options: Unpack[FluxSessionOptions]) -> AsyncFluxStream:
        """A live flux session; open it with `async with`. Same options as `Flux.stream`."""
        from cfasr_ext.streaming import connect_flux

        return connect_flux(self._client.settings, **options)

    run_config = async_method(build_flux_run_config)

    async def transcribe(self, audio: object, /, **options: object) -> NoReturn:  # noqa: ARG002
        """Always raises `UnsupportedOperationError`: flux transcribes only by streaming."""
        raise UnsupportedOperationError(_NOT_REST)

    @property
    def with_raw_response(self) -> AsyncFluxWithRawResponse:
        return AsyncFluxWithRawResponse(self._client, self.model)


class AsyncFluxWithRawResponse(AsyncNamespace):
    run_config = async_raw_method(build_flux_run_config)


document_options(Flux.stream, OPERATIONS["streamFlux"])
document_options(AsyncFlux.stream, OPERATIONS["streamFlux"])
