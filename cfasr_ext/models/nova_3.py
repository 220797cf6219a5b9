"""@cf/deepgram/nova-3 pre-recorded: raw audio body with its MIME type, options in the query.

Booleans travel as `true`/`false` and `keyterm` is repeated once per term; names, types,
ranges and enums come from the contract generated out of openapi.yaml (`runNova3`).
The JSON `{"audio": {"body", "contentType"}}` form is refused over REST, so it is never used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from cfasr_client.contract import OPERATIONS
from cfasr_client.contract.options import RunNova3Options
from cfasr_client.models import Nova3Result

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._config import Settings
from cfasr_ext._http import Call
from cfasr_ext._model_names import NOVA3_INTERNAL_MODEL
from cfasr_ext._request_bodies import Body, raw_body
from cfasr_ext._unchecked import ExtraBody, ExtraQuery, merge_query, refuse_body
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
    from cfasr_ext.streaming import AsyncNova3Stream, Nova3SessionOptions, Nova3Stream

__all__ = ["AsyncNova3", "AsyncNova3Internal", "Nova3", "Nova3Internal", "build_nova_3_transcribe"]


def _parse(result: Any) -> Nova3Result:
    return Nova3Result.from_dict(result)


def build_nova_3_transcribe(
    model: str,
    audio: AudioSource,
    /,
    *,
    content_type: str | None = None,
    extra_query: ExtraQuery | None = None,
    extra_body: ExtraBody | None = None,
    extra_headers: Mapping[str, str] | None = None,
    **options: Unpack[RunNova3Options],
) -> Call[Nova3Result]:
    """Transcribe a recording with Deepgram Nova-3; returns `Nova3Result`.

    Every option is a query parameter of openapi.yaml's `runNova3` (see the options
    reference); options left out are not sent, so Deepgram's defaults apply. `keyterm` may
    be a list (sent repeated). `content_type` overrides the sniffed audio MIME type.
    Invalid options raise `OptionError` before anything is sent.

    `extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options newer
    than openapi.yaml: they replace same-name parameters, fields and headers (see the
    "Options the spec does not know yet" guide); the body is the recording itself, so
    `extra_body` is refused (`OptionError`): send a new option with `extra_query`."""
    operation = rest_operation(model)
    query = merge_query(operation.query(check_options(operation, options)), extra_query)
    refuse_body(model, extra_body)
    headers = merged_headers(extra_headers)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        return raw_body(opened, content_type)

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=query,
        audio=audio,
        headers=headers,
    )


document_options(build_nova_3_transcribe, OPERATIONS["runNova3"])


def _open_stream(model: str, settings: Settings, options: Nova3SessionOptions) -> AsyncNova3Stream:
    from cfasr_ext.streaming import connect_nova3, connect_nova3_internal

    connect = connect_nova3_internal if model == NOVA3_INTERNAL_MODEL else connect_nova3
    return connect(settings, **options)


class Nova3Internal(SyncNamespace):
    """`client.nova_3_internal`: streaming only, undocumented by Cloudflare, experimental."""

    def stream(self, **options: Unpack[Nova3SessionOptions]) -> Nova3Stream:
        """A blocking live session (Deepgram v1 `listen`); use it as a context manager.

        Options are the spec's streaming query parameters (listed below) plus the session's
        `reconnect`, `keepalive_interval`, `max_queued_chunks`, `close_timeout` and
        `extra_query` (query parameters sent unchecked; see
        `cfasr_ext.streaming.connect_nova3`). Invalid options raise `OptionError` here."""
        settings = self._client.settings
        from cfasr_ext.streaming import Nova3Stream

        return Nova3Stream(lambda: _open_stream(self.model, settings, options))


class Nova3(Nova3Internal):
    """`client.nova_3`: pre-recorded `transcribe(...)` over REST and live `stream(...)`."""

    transcribe = sync_method(build_nova_3_transcribe)

    @property
    def with_raw_response(self) -> Nova3WithRawResponse:
        return Nova3WithRawResponse(self._client, self.model)


class Nova3WithRawResponse(SyncNamespace):
    transcribe = sync_raw_method(build_nova_3_transcribe)


class AsyncNova3Internal(AsyncNamespace):
    """`async_client.nova_3_internal`: streaming only, undocumented by Cloudflare."""

    def stream(self, **options: Unpack[Nova3SessionOptions]) -> AsyncNova3Stream:
        """A live session; open it with `async with`. Same options as `Nova3.stream`."""
        return _open_stream(self.model, self._client.settings, options)


class AsyncNova3(AsyncNova3Internal):
    """`async_client.nova_3`: pre-recorded `transcribe(...)` and live `stream(...)`."""

    transcribe = async_method(build_nova_3_transcribe)

    @property
    def with_raw_response(self) -> AsyncNova3WithRawResponse:
        return AsyncNova3WithRawResponse(self._client, self.model)


class AsyncNova3WithRawResponse(AsyncNamespace):
    transcribe = async_raw_method(build_nova_3_transcribe)


document_options(Nova3Internal.stream, OPERATIONS["streamNova3"])
document_options(AsyncNova3Internal.stream, OPERATIONS["streamNova3"])
