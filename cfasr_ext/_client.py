"""`Client` and `AsyncClient`: twins with the same namespaces, options and behaviour.

Each namespace (`client.whisper`, `client.whisper_tiny_en`, `client.whisper_large_v3_turbo`,
`client.nova_3`, `client.flux`, one per model of openapi.yaml, generated into
`cfasr_ext.models._generated`) turns options into a `Call`; the client's `request` opens the
audio (checking it before anything is sent), waits for the rate limiter, sends, retries what is
safe to retry, and returns a `RawResponse` whose `parse()` gives the typed result.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs
import httpx
from cfasr_client.contract import OPERATIONS

from cfasr_ext._audio_sources import Audio, AudioSource, open_audio, open_audio_async
from cfasr_ext._config import (
    DEFAULT_WS_PING_INTERVAL,
    DEFAULT_WS_PING_TIMEOUT,
    Settings,
    resolve_settings,
)
from cfasr_ext._deadline import answer_deadline, async_transport, sync_transport
from cfasr_ext._errors import CfasrError, OptionError, UnsupportedOperationError
from cfasr_ext._gateway import GatewayOptions
from cfasr_ext._http import BaseClient, Call
from cfasr_ext._logging import setup_from_env
from cfasr_ext._model_names import MODEL_ALIASES, short_name
from cfasr_ext._progress import (
    ProgressCallback,
    ProgressTracker,
    retries_reported_to,
)
from cfasr_ext._ratelimit import RateLimiter
from cfasr_ext._raw import RawResponse
from cfasr_ext._request_bodies import Body
from cfasr_ext._retry import RetryPolicy
from cfasr_ext.models._generated import (
    TRANSCRIBE_BUILDERS,
    AsyncClientWithRawResponse,
    AsyncModelNamespaces,
    ClientWithRawResponse,
    ModelNamespaces,
)
from cfasr_ext.models._method import build_call

if TYPE_CHECKING:
    from cfasr_ext.transcript import Transcript

__all__ = [
    "AsyncClient",
    "AsyncClientWithRawResponse",
    "Client",
    "ClientWithRawResponse",
    "resolve_model",
]

T = TypeVar("T")

_CONFIG_ONLY = frozenset(
    op.model
    for op in OPERATIONS.values()
    if op.transport == "rest" and op.model not in TRANSCRIBE_BUILDERS
)
"""Models whose POST carries configuration only (flux): they transcribe only by streaming."""


def resolve_model(model: str) -> str:
    """A full model id ("@cf/openai/whisper") from a short name ("whisper") or itself."""
    full = MODEL_ALIASES.get(model, model)
    if full in _CONFIG_ONLY:
        name = short_name(full)
        raise UnsupportedOperationError(
            f"{name} transcribes only over a WebSocket; use "
            f"client.{name.replace('-', '_')}.stream(...)."
        )
    if full not in TRANSCRIBE_BUILDERS:
        hidden = {m for c in _CONFIG_ONLY for m in (c, short_name(c))}
        names = ", ".join(sorted({*MODEL_ALIASES, *TRANSCRIBE_BUILDERS} - hidden))
        raise OptionError(f"unknown speech model {model!r}; use one of: {names}.")
    return full


def _transcribe_call(model: str, audio: AudioSource, options: dict[str, Any]) -> Call[Any]:
    full = resolve_model(model)
    return build_call(TRANSCRIBE_BUILDERS[full], full, audio, **options)


def transcribe_piece(
    client: Client, piece: bytes, *, model: str, timeout: float, options: Mapping[str, Any]
) -> Transcript:
    """One piece of a long recording, with its own timeout (`_long_audio.piece_timeout`)."""
    call = attrs.evolve(_transcribe_call(model, piece, dict(options)), timeout=timeout)
    return _to_transcript(call.model, client.request(call).parse())


def _to_transcript(model: str, result: Any) -> Transcript:
    from cfasr_ext._convert import transcript_from_result

    return transcript_from_result(model, result)


def _whole_tracker(on_progress: ProgressCallback) -> ProgressTracker:
    """Progress of a recording sent in one request: one piece, its length known at the end."""
    tracker = ProgressTracker(on_progress, pieces=1, audio_seconds=None)
    tracker.start()
    return tracker


_NOT_SETTINGS = ("self", "__class__", "rate_limiter", "retry_policy", "http_client", "transport")


def _settings(arguments: dict[str, Any]) -> Settings:
    """A client constructor's arguments → `Settings` (gateway options become headers)."""
    setup_from_env()
    kwargs = {k: v for k, v in arguments.items() if k not in _NOT_SETTINGS}
    gateway: GatewayOptions | None = kwargs.pop("gateway_options")
    headers = {**(gateway.to_headers() if gateway else {}), **(kwargs["default_headers"] or {})}
    kwargs["default_headers"] = headers
    return resolve_settings(**kwargs)


class Client(BaseClient, ModelNamespaces):
    """Synchronous client. Use as a context manager, or call `close()` when done.

    Credentials and account come from the arguments or `CLOUDFLARE_API_TOKEN` (or
    `CLOUDFLARE_API_KEY` + `CLOUDFLARE_EMAIL`) and `CLOUDFLARE_ACCOUNT_ID`; pass `environ`
    to read them from another mapping (`{}` reads none, for a client that must ignore the
    process's settings, such as an AI Gateway id meant for another client). Bring your own
    `http_client` or `transport` to control connections (yours is not closed by `close()`,
    and keeps its own timeout unless you also pass `timeout=`). Streams send a keepalive ping
    every `ws_ping_interval` seconds and end with `StreamClosedError` when no pong comes
    within `ws_ping_timeout` (None turns either off)."""

    def __init__(
        self,
        *,
        api_token: str | None = None,
        api_key: str | None = None,
        email: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        gateway_id: str | None = None,
        gateway_token: str | None = None,
        gateway_base_url: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        gateway_options: GatewayOptions | None = None,
        allow_insecure_http: bool = False,
        environ: Mapping[str, str] | None = None,
        rate_limiter: RateLimiter | None = None,
        retry_policy: RetryPolicy | None = None,
        ws_ping_interval: float | None = DEFAULT_WS_PING_INTERVAL,
        ws_ping_timeout: float | None = DEFAULT_WS_PING_TIMEOUT,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        settings = _settings(dict(locals()))
        super().__init__(
            settings,
            rate_limiter=rate_limiter,
            retry_policy=retry_policy,
            timeout_is_ours=http_client is None or timeout is not None,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(
            transport=transport or sync_transport(), timeout=self.timeout
        )
        self._attach_models(self)

    @property
    def with_raw_response(self) -> ClientWithRawResponse:
        """The same namespaces, returning `RawResponse` (status, headers, body, `parse()`)."""
        return ClientWithRawResponse(self)

    def transcribe(
        self,
        audio: AudioSource,
        *,
        model: str,
        chunking: bool | int = False,
        max_workers: int = 4,
        on_progress: ProgressCallback | None = None,
        **options: Any,
    ) -> Transcript:
        """Any REST model → one common `Transcript`; `options` are that model's options.

        `chunking=True` (or a piece size in bytes, default ~1 MB) splits long recordings at
        silences, sends up to `max_workers` pieces at once and stitches the words back with
        absolute times; it needs the `audio` extra and a path or bytes. `on_progress` gets a
        `Progress` (pieces and audio seconds done and total, retries) when the plan is made,
        after each piece and on each retry; a recording sent whole is one piece. Finished
        pieces are kept, failed ones queued again, concurrency halves on 429 and each piece's
        timeout grows with its length (docs/guides/long-audio.md); pieces that still fail
        raise `PartialTranscriptError`, whose `.transcript` has the finished ones."""
        full = resolve_model(model)
        from cfasr_ext._long_audio import chunk_budget, refuse_mixed_channels, transcribe_long

        budget = chunk_budget(chunking)
        if budget is not None:
            refuse_mixed_channels(options)

            def send(piece: bytes, timeout: float) -> Transcript:
                return transcribe_piece(self, piece, model=full, timeout=timeout, options=options)

            whole = transcribe_long(
                send,
                audio,
                model=full,
                max_bytes=budget,
                max_workers=max_workers,
                on_progress=on_progress,
                timeout=self.settings.timeout,
                policy=self.retry_policy,
            )
            if whole is not None:
                return whole
        call = _transcribe_call(full, audio, options)
        if on_progress is None:  # a piece of a chunked call: retries go to the call's tracker
            return _to_transcript(call.model, self.request(call).parse())
        tracker = _whole_tracker(on_progress)
        with retries_reported_to(tracker.retried):
            transcript = _to_transcript(call.model, self.request(call).parse())
        tracker.finish(audio_seconds_total=transcript.duration)
        return transcript

    def request(self, call: Call[T]) -> RawResponse[T]:
        """Send one call with retries; raises an `APIError` subclass on failure."""
        audio = open_audio(call.audio) if call.audio is not None else None
        url = self.url_for(call)
        retries = 0
        while True:
            body = call.make_body(audio)
            self.rate_limiter.acquire()
            started = time.monotonic()
            response = None
            try:
                with answer_deadline(self.answer_seconds(call)):
                    response = self._http.send(self._build(url, call, body))
                failure = (
                    self.incomplete_body(response)
                    if response.is_success
                    else self.error_for(response)
                )
                if failure is None:
                    return self.raw_response(call, response)
                error: CfasrError = failure
            except httpx.TransportError as exc:
                error = self.connection_error(exc, url)
                error.__cause__ = exc
            finally:
                self.log_attempt(url, started, response)
            retries += 1
            self.retry_policy.sleep(self.retry_delay(retries - 1, error, audio))

    def _build(self, url: httpx.URL, call: Call[Any], body: Body) -> httpx.Request:
        content: Any = body.sync_stream() if body.audio is not None else body.prefix
        return self._http.build_request(
            "POST",
            url,
            headers=self.request_headers(call, body),
            content=content,
            timeout=self.request_timeout(self._http.timeout, call.timeout),
        )

    def close(self) -> None:
        """Close the connections cfasr opened (a caller's own `http_client` stays open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(BaseClient, AsyncModelNamespaces):
    """Asyncio twin of `Client`: same arguments, namespaces and options; methods are awaited
    (`await client.close()`, or `async with`). Paths, files and sync iterators are read in a
    worker thread, 64 KiB at a time, so a large or slow upload never blocks the event loop."""

    def __init__(
        self,
        *,
        api_token: str | None = None,
        api_key: str | None = None,
        email: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        gateway_id: str | None = None,
        gateway_token: str | None = None,
        gateway_base_url: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        gateway_options: GatewayOptions | None = None,
        allow_insecure_http: bool = False,
        environ: Mapping[str, str] | None = None,
        rate_limiter: RateLimiter | None = None,
        retry_policy: RetryPolicy | None = None,
        ws_ping_interval: float | None = DEFAULT_WS_PING_INTERVAL,
        ws_ping_timeout: float | None = DEFAULT_WS_PING_TIMEOUT,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        settings = _settings(dict(locals()))
        super().__init__(
            settings,
            rate_limiter=rate_limiter,
            retry_policy=retry_policy,
            timeout_is_ours=http_client is None or timeout is not None,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(
            transport=transport or async_transport(), timeout=self.timeout
        )
        self._attach_models(self)

    @property
    def with_raw_response(self) -> AsyncClientWithRawResponse:
        """The same namespaces, returning `RawResponse` (status, headers, body, `parse()`)."""
        return AsyncClientWithRawResponse(self)

    async def transcribe(
        self,
        audio: AudioSource,
        *,
        model: str,
        chunking: bool | int = False,
        max_workers: int = 4,
        on_progress: ProgressCallback | None = None,
        **options: Any,
    ) -> Transcript:
        """Any REST model → one common `Transcript`; same arguments as `Client.transcribe`
        (`on_progress` is called on the event loop's thread or a piece's, one call at a time)."""
        full = resolve_model(model)
        from cfasr_ext._long_audio import (
            atranscribe_long,
            chunk_budget,
            refuse_mixed_channels,
        )

        budget = chunk_budget(chunking)
        if budget is not None:
            refuse_mixed_channels(options)

            async def send(piece: bytes, timeout: float) -> Transcript:
                call = attrs.evolve(_transcribe_call(full, piece, options), timeout=timeout)
                return _to_transcript(call.model, (await self.request(call)).parse())

            whole = await atranscribe_long(
                send,
                audio,
                model=full,
                max_bytes=budget,
                max_workers=max_workers,
                on_progress=on_progress,
                timeout=self.settings.timeout,
                policy=self.retry_policy,
            )
            if whole is not None:
                return whole
        call = _transcribe_call(full, audio, options)
        if on_progress is None:  # a piece of a chunked call: retries go to the call's tracker
            return _to_transcript(call.model, (await self.request(call)).parse())
        tracker = _whole_tracker(on_progress)
        with retries_reported_to(tracker.retried):
            transcript = _to_transcript(call.model, (await self.request(call)).parse())
        tracker.finish(audio_seconds_total=transcript.duration)
        return transcript

    async def request(self, call: Call[T]) -> RawResponse[T]:
        """Send one call with retries; raises an `APIError` subclass on failure."""
        audio: Audio | None = None
        if call.audio is not None:
            audio = await open_audio_async(call.audio)
        url = self.url_for(call)
        retries = 0
        while True:
            body = call.make_body(audio)
            await self.rate_limiter.acquire_async()
            started = time.monotonic()
            response = None
            try:
                with answer_deadline(self.answer_seconds(call)):
                    response = await self._http.send(self._build(url, call, body))
                failure = (
                    self.incomplete_body(response)
                    if response.is_success
                    else self.error_for(response)
                )
                if failure is None:
                    return self.raw_response(call, response)
                error: CfasrError = failure
            except httpx.TransportError as exc:
                error = self.connection_error(exc, url)
                error.__cause__ = exc
            finally:
                self.log_attempt(url, started, response)
            retries += 1
            await self.retry_policy.async_sleep(self.retry_delay(retries - 1, error, audio))

    def _build(self, url: httpx.URL, call: Call[Any], body: Body) -> httpx.Request:
        content: Any = body.async_stream() if body.audio is not None else body.prefix
        return self._http.build_request(
            "POST",
            url,
            headers=self.request_headers(call, body),
            content=content,
            timeout=self.request_timeout(self._http.timeout, call.timeout),
        )

    async def close(self) -> None:
        """Close the connections cfasr opened (a caller's own `http_client` stays open)."""
        if self._owns_http:
            await self._http.aclose()

    async def aclose(self) -> None:
        """The same as `close()`, named like httpx's."""
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
