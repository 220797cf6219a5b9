"""Live transcription over WebSocket: nova-3, nova-3-internal (experimental) and flux.

    async with connect_nova3(settings, encoding="linear16", sample_rate=16000,
                             interim_results=True) as stream:
        await stream.send(chunk)
        async for event in stream: ...

`connect_*` return an unopened session (open it with `async with` / `with` or `connect()`);
the `_sync` variants return the blocking twin. Option names are the query parameters of the
model (see `Nova3StreamOptions`, `FluxStreamOptions`); unknown or out-of-range values raise
`OptionError` before anything is sent.
"""

from __future__ import annotations

from typing import TypedDict, Unpack

from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.options import StreamFluxOptions, StreamNova3Options

from cfasr_ext._config import Settings
from cfasr_ext._model_names import FLUX, NOVA3_INTERNAL_MODEL, NOVA_3
from cfasr_ext._options import document_options
from cfasr_ext._unchecked import ExtraQuery
from cfasr_ext.streaming._async_session import (
    DEFAULT_MAX_QUEUED_CHUNKS,
    AsyncFluxStream,
    AsyncNova3Stream,
    AsyncStream,
    ReconnectPolicy,
)
from cfasr_ext.streaming._events import (
    ConfigureFailure,
    ConfigureSuccess,
    Connected,
    EagerEndOfTurn,
    EndOfTurn,
    ErrorMessage,
    Metadata,
    Reconnected,
    Reconnecting,
    Results,
    SpeechStarted,
    StartOfTurn,
    StreamEvent,
    TurnInfo,
    TurnResumed,
    UnknownMessage,
    Update,
    UtteranceEnd,
)
from cfasr_ext.streaming._listen_v1 import ListenV1Protocol
from cfasr_ext.streaming._listen_v2 import ListenV2Protocol
from cfasr_ext.streaming._protocol import (
    DEFAULT_KEEPALIVE_INTERVAL,
    StreamProtocol,
    StreamState,
)
from cfasr_ext.streaming._stream_errors import (
    StreamAudioError,
    StreamClosedError,
    StreamConnectionLostError,
    StreamIdleTimeoutError,
    StreamProtocolError,
    StreamServerError,
    StreamStateError,
)
from cfasr_ext.streaming._stream_options import FluxStreamOptions, Nova3StreamOptions
from cfasr_ext.streaming._sync_session import FluxStream, Nova3Stream, Stream

__all__ = [
    "FLUX_MODEL",
    "NOVA3_INTERNAL_MODEL",
    "NOVA3_MODEL",
    "AsyncFluxStream",
    "AsyncNova3Stream",
    "AsyncStream",
    "ConfigureFailure",
    "ConfigureSuccess",
    "Connected",
    "EagerEndOfTurn",
    "EndOfTurn",
    "ErrorMessage",
    "FluxSessionOptions",
    "FluxStream",
    "FluxStreamOptions",
    "ListenV1Protocol",
    "ListenV2Protocol",
    "Metadata",
    "Nova3SessionOptions",
    "Nova3Stream",
    "Nova3StreamOptions",
    "ReconnectPolicy",
    "Reconnected",
    "Reconnecting",
    "Results",
    "SessionOptions",
    "SpeechStarted",
    "StartOfTurn",
    "Stream",
    "StreamAudioError",
    "StreamClosedError",
    "StreamConnectionLostError",
    "StreamEvent",
    "StreamIdleTimeoutError",
    "StreamProtocol",
    "StreamProtocolError",
    "StreamServerError",
    "StreamState",
    "StreamStateError",
    "TurnInfo",
    "TurnResumed",
    "UnknownMessage",
    "Update",
    "UtteranceEnd",
    "connect_flux",
    "connect_flux_sync",
    "connect_listen_v1",
    "connect_listen_v2",
    "connect_nova3",
    "connect_nova3_internal",
    "connect_nova3_internal_sync",
    "connect_nova3_sync",
]

NOVA3_MODEL = NOVA_3
FLUX_MODEL = FLUX


class _Default:
    """Marker: reconnect on for raw PCM, off for compressed audio (it cannot be resent)."""


_DEFAULT = _Default()
ReconnectArg = ReconnectPolicy | None | _Default


def _policy(reconnect: ReconnectArg, protocol: StreamProtocol) -> ReconnectPolicy | None:
    if isinstance(reconnect, _Default):
        return ReconnectPolicy() if protocol.can_resume else None
    return reconnect


def _resend_seconds(reconnect: ReconnectArg) -> float:
    return reconnect.max_resend_seconds if isinstance(reconnect, ReconnectPolicy) else 120.0


def connect_listen_v1(
    model: str,
    settings: Settings,
    *,
    reconnect: ReconnectArg = _DEFAULT,
    keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
    max_queued_chunks: int = DEFAULT_MAX_QUEUED_CHUNKS,
    close_timeout: float | None = None,
    extra_query: ExtraQuery | None = None,
    **options: Unpack[StreamNova3Options],
) -> AsyncNova3Stream:
    """A Deepgram v1 `listen` session with any model of that kind (openapi.yaml's
    `x-cfasr-body-kind: listen-v1`); the same arguments as `connect_nova3`."""
    protocol = ListenV1Protocol(
        Nova3StreamOptions(**options),
        model=model,
        keepalive_interval=keepalive_interval,
        max_resend_seconds=_resend_seconds(reconnect),
        extra_query=extra_query,
    )
    return AsyncNova3Stream(
        protocol,
        settings,
        reconnect=_policy(reconnect, protocol),
        max_queued_chunks=max_queued_chunks,
        close_timeout=close_timeout,
    )


def connect_nova3(
    settings: Settings,
    *,
    reconnect: ReconnectArg = _DEFAULT,
    keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
    max_queued_chunks: int = DEFAULT_MAX_QUEUED_CHUNKS,
    close_timeout: float | None = None,
    extra_query: ExtraQuery | None = None,
    **options: Unpack[StreamNova3Options],
) -> AsyncNova3Stream:
    """A nova-3 session (Deepgram v1 `listen`); `options` are `Nova3StreamOptions` fields.

    `reconnect`: a `ReconnectPolicy`, or None to fail on the first dropped connection (default:
    on for raw PCM). `keepalive_interval`: seconds of silence before a KeepAlive (None: off).
    `close_timeout`: how long `close()` waits for the server (default `settings.timeout`).
    `extra_query`: query parameters sent unchecked, for options newer than openapi.yaml (a
    name given replaces the typed option's parameter; None leaves it out)."""
    return connect_listen_v1(
        NOVA3_MODEL,
        settings,
        reconnect=reconnect,
        keepalive_interval=keepalive_interval,
        max_queued_chunks=max_queued_chunks,
        close_timeout=close_timeout,
        extra_query=extra_query,
        **options,
    )


def connect_nova3_internal(
    settings: Settings,
    *,
    reconnect: ReconnectArg = _DEFAULT,
    keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
    max_queued_chunks: int = DEFAULT_MAX_QUEUED_CHUNKS,
    close_timeout: float | None = None,
    extra_query: ExtraQuery | None = None,
    **options: Unpack[StreamNova3Options],
) -> AsyncNova3Stream:
    """Like `connect_nova3` for `@cf/deepgram/nova-3-internal`: undocumented by Cloudflare,
    experimental, and ordinary accounts may be refused (403)."""
    return connect_listen_v1(
        NOVA3_INTERNAL_MODEL,
        settings,
        reconnect=reconnect,
        keepalive_interval=keepalive_interval,
        max_queued_chunks=max_queued_chunks,
        close_timeout=close_timeout,
        extra_query=extra_query,
        **options,
    )


def connect_flux(
    settings: Settings,
    *,
    reconnect: ReconnectArg = _DEFAULT,
    keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
    max_queued_chunks: int = DEFAULT_MAX_QUEUED_CHUNKS,
    close_timeout: float | None = None,
    extra_query: ExtraQuery | None = None,
    **options: Unpack[StreamFluxOptions],
) -> AsyncFluxStream:
    """A flux session (Deepgram v2 `listen`); `options` are `FluxStreamOptions` fields. Flux
    has no KeepAlive message, so idle keepalives are 20 ms of silence. `extra_query` is sent
    unchecked, as for `connect_nova3`."""
    return connect_listen_v2(
        FLUX_MODEL,
        settings,
        reconnect=reconnect,
        keepalive_interval=keepalive_interval,
        max_queued_chunks=max_queued_chunks,
        close_timeout=close_timeout,
        extra_query=extra_query,
        **options,
    )


def connect_listen_v2(
    model: str,
    settings: Settings,
    *,
    reconnect: ReconnectArg = _DEFAULT,
    keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
    max_queued_chunks: int = DEFAULT_MAX_QUEUED_CHUNKS,
    close_timeout: float | None = None,
    extra_query: ExtraQuery | None = None,
    **options: Unpack[StreamFluxOptions],
) -> AsyncFluxStream:
    """A Deepgram v2 `listen` session with any model of that kind (openapi.yaml's
    `x-cfasr-body-kind: listen-v2`); the same arguments as `connect_flux`."""
    protocol = ListenV2Protocol(
        FluxStreamOptions(**options),
        keepalive_interval=keepalive_interval,
        max_resend_seconds=_resend_seconds(reconnect),
        extra_query=extra_query,
    )
    protocol.model = model
    return AsyncFluxStream(
        protocol,
        settings,
        reconnect=_policy(reconnect, protocol),
        max_queued_chunks=max_queued_chunks,
        close_timeout=close_timeout,
    )


document_options(connect_nova3, OPERATIONS["streamNova3"])
document_options(connect_nova3_internal, OPERATIONS["streamNova3Internal"])
document_options(connect_flux, OPERATIONS["streamFlux"])


class SessionOptions(TypedDict, total=False):
    """How a session behaves, beside the model's own options (see `connect_nova3`)."""

    reconnect: ReconnectPolicy | None
    keepalive_interval: float | None
    max_queued_chunks: int
    close_timeout: float | None
    extra_query: ExtraQuery | None


class Nova3SessionOptions(StreamNova3Options, SessionOptions, total=False):
    """Everything `client.nova_3.stream(...)` takes: the spec's options and the session's."""


class FluxSessionOptions(StreamFluxOptions, SessionOptions, total=False):
    """Everything `client.flux.stream(...)` takes: the spec's options and the session's."""


def connect_nova3_sync(settings: Settings, **kwargs: Unpack[Nova3SessionOptions]) -> Nova3Stream:
    """Blocking twin of `connect_nova3` (same arguments)."""
    return Nova3Stream(lambda: connect_nova3(settings, **kwargs))


def connect_nova3_internal_sync(
    settings: Settings, **kwargs: Unpack[Nova3SessionOptions]
) -> Nova3Stream:
    """Blocking twin of `connect_nova3_internal` (same arguments)."""
    return Nova3Stream(lambda: connect_nova3_internal(settings, **kwargs))


def connect_flux_sync(settings: Settings, **kwargs: Unpack[FluxSessionOptions]) -> FluxStream:
    """Blocking twin of `connect_flux` (same arguments)."""
    return FluxStream(lambda: connect_flux(settings, **kwargs))
