"""@cf/deepgram/nova-3 pre-recorded: raw audio body with its MIME type, options in the query.

Booleans travel as `true`/`false` and `keyterm` is repeated once per term, exactly as the
generated `runNova3` request builder encodes them (it is reused here for the query string).
The JSON `{"audio": {"body", "contentType"}}` form is refused over REST, so it is never used.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from cfasr_client.api.workers_ai_automatic_speech_recognition import run_nova_3
from cfasr_client.models import (
    Nova3CustomMode,
    Nova3Encoding,
    Nova3Language,
    Nova3Mode,
    Nova3Redact,
    Nova3Result,
)
from cfasr_client.types import File

from cfasr_ext._audio_sources import Audio, AudioSource
from cfasr_ext._config import Settings
from cfasr_ext._errors import OptionError
from cfasr_ext._http import Call
from cfasr_ext._request_bodies import Body, raw_body
from cfasr_ext.models._method import (
    AsyncNamespace,
    SyncNamespace,
    async_method,
    async_raw_method,
    sync_method,
    sync_raw_method,
)
from cfasr_ext.models._options import (
    check_bool,
    check_enum,
    check_number,
    check_str,
    common_params,
    merged_headers,
)
from cfasr_ext.streaming import (
    NOVA3_INTERNAL_MODEL,
    AsyncNova3Stream,
    Nova3Stream,
    connect_nova3,
    connect_nova3_internal,
)

__all__ = ["AsyncNova3", "AsyncNova3Internal", "Nova3", "Nova3Internal", "build_nova_3_transcribe"]

NOVA_3 = "@cf/deepgram/nova-3"

_BOOLEANS = (
    "detect_entities",
    "detect_language",
    "diarize",
    "dictation",
    "filler_words",
    "measurements",
    "mip_opt_out",
    "multichannel",
    "numerals",
    "paragraphs",
    "profanity_filter",
    "punctuate",
    "sentiment",
    "smart_format",
    "topics",
    "utterances",
)
_ENUMS: dict[str, type[Any]] = {
    "custom_topic_mode": Nova3CustomMode,
    "custom_intent_mode": Nova3CustomMode,
    "encoding": Nova3Encoding,
    "language": Nova3Language,
    "mode": Nova3Mode,
    "redact": Nova3Redact,
}
_PAIR = r"[^:]+:.*"
# Raw PCM-style encodings carry no header, so Deepgram cannot know the rate by itself.
_NEEDS_RATE = {"linear16", "linear32", "mulaw", "alaw"}


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def nova_3_query(options: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Checked options → query pairs, via the generated builder's encoding."""
    checked: dict[str, Any] = {}
    for name, value in options.items():
        if value is None:
            continue
        if name in _BOOLEANS:
            checked[name] = check_bool(name, value)
        elif name in _ENUMS:
            checked[name] = check_enum(name, _ENUMS[name], value)
        elif name in ("extra", "replace"):
            checked[name] = check_str(name, value, _PAIR, "use the form 'key:value'")
        elif name == "keyterm":
            terms = [value] if isinstance(value, str) else list(value)
            checked[name] = [check_str("keyterm", term) for term in terms]
        elif name == "utt_split":
            checked[name] = check_number(name, value, minimum=0, maximum=60)
        elif name == "channels":
            checked[name] = int(check_number(name, value, minimum=1, maximum=16, integer=True))
        elif name == "sample_rate":
            checked[name] = int(
                check_number(name, value, minimum=1000, maximum=192000, integer=True)
            )
        else:
            checked[name] = check_str(name, value)
    encoding = checked.get("encoding")
    if encoding is not None and encoding.value in _NEEDS_RATE and "sample_rate" not in checked:
        raise OptionError(
            f"encoding={encoding.value!r} is headerless audio; also pass sample_rate (e.g. 16000)."
        )
    kwargs = run_nova_3._get_kwargs("0" * 32, body=File(payload=io.BytesIO()), **checked)
    pairs: list[tuple[str, str]] = []
    for name, value in kwargs["params"].items():
        values = value if isinstance(value, list) else [value]
        pairs.extend((name, _query_value(item)) for item in values)
    return pairs


def _parse(result: Any) -> Nova3Result:
    return Nova3Result.from_dict(result)


def build_nova_3_transcribe(
    model: str,
    audio: AudioSource,
    /,
    *,
    language: Nova3Language | str | None = None,
    punctuate: bool | None = None,
    smart_format: bool | None = None,
    diarize: bool | None = None,
    detect_language: bool | None = None,
    detect_entities: bool | None = None,
    dictation: bool | None = None,
    filler_words: bool | None = None,
    measurements: bool | None = None,
    mip_opt_out: bool | None = None,
    multichannel: bool | None = None,
    numerals: bool | None = None,
    paragraphs: bool | None = None,
    profanity_filter: bool | None = None,
    sentiment: bool | None = None,
    topics: bool | None = None,
    utterances: bool | None = None,
    utt_split: float | None = None,
    keyterm: str | Sequence[str] | None = None,
    keywords: None = None,
    mode: Nova3Mode | str | None = None,
    redact: Nova3Redact | str | None = None,
    replace: str | None = None,
    search: str | None = None,
    extra: str | None = None,
    custom_topic: str | None = None,
    custom_topic_mode: Nova3CustomMode | str | None = None,
    custom_intent: str | None = None,
    custom_intent_mode: Nova3CustomMode | str | None = None,
    encoding: Nova3Encoding | str | None = None,
    sample_rate: int | None = None,
    channels: int | None = None,
    content_type: str | None = None,
    tags: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Call[Nova3Result]:
    """Transcribe a recording with Deepgram Nova-3; returns `Nova3Result`.

    Options left at None are not sent (Deepgram's defaults apply: language en-US, every
    feature off). `keyterm` may be a list (sent repeated). `encoding` + `sample_rate` are for
    headerless audio only. `content_type` overrides the sniffed audio MIME type. `keywords`
    is refused with `OptionError`: Deepgram rejects it for Nova-3, `keyterm` replaces it."""
    if keywords is not None:
        raise OptionError(
            "keywords is not supported by Nova-3 (Deepgram refuses it: 'Keywords are not "
            "supported for Nova-3. Please use keyterm instead.'); pass keyterm='term' or "
            "keyterm=['term', ...] instead."
        )
    options = {
        name: value
        for name, value in locals().items()
        if name not in ("model", "audio", "content_type", "tags", "extra_headers", "keywords")
    }
    query = common_params(tags) + nova_3_query(options)

    def make_body(opened: Audio | None) -> Body:
        assert opened is not None
        return raw_body(opened, content_type)

    return Call(
        model=model,
        make_body=make_body,
        parse=_parse,
        params=tuple(query),
        audio=audio,
        headers=merged_headers(extra_headers),
    )


def _open_stream(model: str, settings: Settings, options: dict[str, Any]) -> AsyncNova3Stream:
    connect = connect_nova3_internal if model == NOVA3_INTERNAL_MODEL else connect_nova3
    return connect(settings, **options)


class Nova3Internal(SyncNamespace):
    """`client.nova_3_internal`: streaming only, undocumented by Cloudflare, experimental."""

    def stream(self, **options: Any) -> Nova3Stream:
        """A blocking live session (Deepgram v1 `listen`); use it as a context manager.

        Options are the streaming query parameters (`encoding`, `sample_rate`,
        `interim_results`, `endpointing`, `utterance_end_ms`, `vad_events`, `keyterm`, ...)
        plus `reconnect`, `keepalive_interval`, `max_queued_chunks`, `close_timeout`; see
        `cfasr_ext.streaming.connect_nova3`. Invalid options raise `OptionError` here."""
        settings = self._client.settings
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

    def stream(self, **options: Any) -> AsyncNova3Stream:
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
