"""@cf/deepgram/flux over REST: the POST carries configuration only and does not transcribe.

Flux is a real-time turn-taking model; Cloudflare documents it only over the WebSocket. The
POST exists in the schema with a configuration-only body (no audio), so `run_config` sends
exactly that and returns whatever comes back (expect a 400 telling you to stream), while
`transcribe` refuses up front and points at `client.flux.stream(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from cfasr_client.models import FluxEncoding, FluxInput, FluxInputMipOptOut, FluxResult

from cfasr_ext._audio_sources import Audio
from cfasr_ext._errors import UnsupportedOperationError
from cfasr_ext._http import Call
from cfasr_ext._request_bodies import Body, json_body
from cfasr_ext.models._method import (
    AsyncNamespace,
    SyncNamespace,
    async_method,
    async_raw_method,
    sync_method,
    sync_raw_method,
)
from cfasr_ext.models._options import (
    check_enum,
    check_number,
    check_str,
    common_params,
    merged_headers,
)
from cfasr_ext.streaming import AsyncFluxStream, FluxStream, connect_flux

__all__ = ["AsyncFlux", "Flux", "build_flux_run_config"]

FLUX = "@cf/deepgram/flux"

_NOT_REST = (
    "@cf/deepgram/flux cannot transcribe over REST: its POST takes configuration only, no "
    "audio. Stream instead with client.flux.stream(...) (linear16 PCM), or use nova-3 or "
    "whisper-large-v3-turbo for recordings."
)


def _decimal(name: str, value: float | str | None, low: float, high: float) -> str | None:
    if value is None:
        return None
    number = float(value) if isinstance(value, str) and value.strip() else value
    return f"{check_number(name, number, minimum=low, maximum=high):g}"


def _parse(result: Any) -> FluxResult:
    return FluxResult.from_dict(result if isinstance(result, Mapping) else {"value": result})


def build_flux_run_config(
    model: str,
    /,
    *,
    sample_rate: int = 16000,
    encoding: FluxEncoding | str = FluxEncoding.LINEAR16,
    eager_eot_threshold: float | None = None,
    eot_threshold: float | None = None,
    eot_timeout_ms: int | None = None,
    keyterm: str | None = None,
    mip_opt_out: bool | None = None,
    tag: str | None = None,
    tags: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Call[FluxResult]:
    """POST flux's configuration (`FluxInput`); returns the untyped `FluxResult`.

    This does not transcribe anything — see the module docs. Ranges: eot_threshold 0.5-0.9,
    eager_eot_threshold 0.3-0.9, eot_timeout_ms 500-60000."""
    config = FluxInput(
        encoding=check_enum("encoding", FluxEncoding, encoding),
        sample_rate=str(
            int(
                check_number("sample_rate", sample_rate, minimum=1000, maximum=192000, integer=True)
            )
        ),
    )
    if (value := _decimal("eager_eot_threshold", eager_eot_threshold, 0.3, 0.9)) is not None:
        config.eager_eot_threshold = value
    if (value := _decimal("eot_threshold", eot_threshold, 0.5, 0.9)) is not None:
        config.eot_threshold = value
    if eot_timeout_ms is not None:
        config.eot_timeout_ms = str(
            int(
                check_number(
                    "eot_timeout_ms", eot_timeout_ms, minimum=500, maximum=60000, integer=True
                )
            )
        )
    if keyterm is not None:
        config.keyterm = check_str("keyterm", keyterm)
    if mip_opt_out is not None:
        config.mip_opt_out = FluxInputMipOptOut("true" if mip_opt_out else "false")
    if tag is not None:
        config.tag = check_str("tag", tag)
    content, kind = json_body(config.to_dict())

    def make_body(_: Audio | None) -> Body:
        return Body(content_type=kind, length=len(content), audio=None, prefix=content)

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=tuple(common_params(tags)),
        headers=merged_headers(extra_headers),
    )


class Flux(SyncNamespace):
    """`client.flux`: live `stream(...)`; the REST POST carries configuration only."""

    def stream(self, **options: Any) -> FluxStream:
        """A blocking live flux session (Deepgram v2 `listen`); use it as a context manager.

        Options: `sample_rate` (default 16000), `encoding` (default "linear16"),
        `eot_threshold`, `eager_eot_threshold`, `eot_timeout_ms`, `keyterm`, `mip_opt_out`,
        `tag`, plus `reconnect`, `keepalive_interval`, `max_queued_chunks`, `close_timeout`;
        see `cfasr_ext.streaming.connect_flux`. Invalid options raise `OptionError` here."""
        settings = self._client.settings
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

    def stream(self, **options: Any) -> AsyncFluxStream:
        """A live flux session; open it with `async with`. Same options as `Flux.stream`."""
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
