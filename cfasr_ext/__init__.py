"""cfasr: the Python SDK for Cloudflare Workers AI speech recognition.

Everything a user needs is importable from here; modules whose names start with `_` are
private and may change without notice.

    import cfasr_ext
    with cfasr_ext.Client() as client:          # CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID
        result = client.whisper_large_v3_turbo.transcribe("talk.mp3", language="en")
        transcript = client.transcribe("talk.mp3", model="nova-3", smart_format=True)
        print(transcript.to_srt())
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cfasr_ext._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AudioInputError,
    AuthenticationError,
    BadRequestError,
    CfasrError,
    ConfigurationError,
    ConflictError,
    ErrorCode,
    ErrorDetail,
    InternalServerError,
    NotFoundError,
    OptionError,
    PartialTranscriptError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    RequestTooLargeError,
    UnprocessableEntityError,
    UnsupportedOperationError,
)
from cfasr_ext._version import (
    __version__,
)

if TYPE_CHECKING:
    from cfasr_client.models import (
        FluxResult,
        Nova3CustomMode,
        Nova3Encoding,
        Nova3Language,
        Nova3Mode,
        Nova3Redact,
        Nova3Result,
        TurboResult,
        TurboTask,
        WhisperResult,
    )

    from cfasr_ext._audio_decoder import (
        pcm16_chunks,
    )
    from cfasr_ext._audio_sources import (
        AudioFile,
        AudioSource,
        sniff_content_type,
    )
    from cfasr_ext._client import (
        AsyncClient,
        Client,
        resolve_model,
    )
    from cfasr_ext._config import (
        Settings,
        resolve_settings,
    )
    from cfasr_ext._gateway import (
        GatewayOptions,
    )
    from cfasr_ext._progress import (
        Progress,
        ProgressCallback,
    )
    from cfasr_ext._ratelimit import (
        RateLimiter,
    )
    from cfasr_ext._raw import (
        RawResponse,
    )
    from cfasr_ext._retry import (
        RetryPolicy,
    )
    from cfasr_ext.chunking import (
        stitch,
    )
    from cfasr_ext.models.batch import (
        BatchJob,
        BatchOutcome,
        BatchTimeoutError,
    )
    from cfasr_ext.streaming import (
        AsyncFluxStream,
        AsyncNova3Stream,
        AsyncStream,
        ConfigureFailure,
        ConfigureSuccess,
        Connected,
        EagerEndOfTurn,
        EndOfTurn,
        ErrorMessage,
        FluxStream,
        FluxStreamOptions,
        Metadata,
        Nova3Stream,
        Nova3StreamOptions,
        Reconnected,
        Reconnecting,
        ReconnectPolicy,
        Results,
        SpeechStarted,
        StartOfTurn,
        Stream,
        StreamAudioError,
        StreamClosedError,
        StreamConnectionLostError,
        StreamEvent,
        StreamIdleTimeoutError,
        StreamProtocolError,
        StreamServerError,
        StreamState,
        StreamStateError,
        TurnInfo,
        TurnResumed,
        UnknownMessage,
        Update,
        UtteranceEnd,
        connect_flux,
        connect_flux_sync,
        connect_nova3,
        connect_nova3_internal,
        connect_nova3_internal_sync,
        connect_nova3_sync,
    )
    from cfasr_ext.subtitles import (
        Cue,
        parse_srt,
        parse_vtt,
    )
    from cfasr_ext.transcript import (
        Segment,
        Transcript,
        Word,
    )

_LAZY: dict[str, str] = {
    "AsyncClient": "cfasr_ext._client",
    "Client": "cfasr_ext._client",
    "resolve_model": "cfasr_ext._client",
    "FluxResult": "cfasr_client.models",
    "Nova3CustomMode": "cfasr_client.models",
    "Nova3Encoding": "cfasr_client.models",
    "Nova3Language": "cfasr_client.models",
    "Nova3Mode": "cfasr_client.models",
    "Nova3Redact": "cfasr_client.models",
    "Nova3Result": "cfasr_client.models",
    "TurboResult": "cfasr_client.models",
    "TurboTask": "cfasr_client.models",
    "WhisperResult": "cfasr_client.models",
    "pcm16_chunks": "cfasr_ext._audio_decoder",
    "AudioFile": "cfasr_ext._audio_sources",
    "AudioSource": "cfasr_ext._audio_sources",
    "sniff_content_type": "cfasr_ext._audio_sources",
    "Settings": "cfasr_ext._config",
    "resolve_settings": "cfasr_ext._config",
    "GatewayOptions": "cfasr_ext._gateway",
    "Progress": "cfasr_ext._progress",
    "ProgressCallback": "cfasr_ext._progress",
    "RateLimiter": "cfasr_ext._ratelimit",
    "RawResponse": "cfasr_ext._raw",
    "RetryPolicy": "cfasr_ext._retry",
    "stitch": "cfasr_ext.chunking",
    "BatchJob": "cfasr_ext.models.batch",
    "BatchOutcome": "cfasr_ext.models.batch",
    "BatchTimeoutError": "cfasr_ext.models.batch",
    "AsyncFluxStream": "cfasr_ext.streaming",
    "AsyncNova3Stream": "cfasr_ext.streaming",
    "AsyncStream": "cfasr_ext.streaming",
    "ConfigureFailure": "cfasr_ext.streaming",
    "ConfigureSuccess": "cfasr_ext.streaming",
    "Connected": "cfasr_ext.streaming",
    "EagerEndOfTurn": "cfasr_ext.streaming",
    "EndOfTurn": "cfasr_ext.streaming",
    "ErrorMessage": "cfasr_ext.streaming",
    "FluxStream": "cfasr_ext.streaming",
    "FluxStreamOptions": "cfasr_ext.streaming",
    "Metadata": "cfasr_ext.streaming",
    "Nova3Stream": "cfasr_ext.streaming",
    "Nova3StreamOptions": "cfasr_ext.streaming",
    "Reconnected": "cfasr_ext.streaming",
    "Reconnecting": "cfasr_ext.streaming",
    "ReconnectPolicy": "cfasr_ext.streaming",
    "Results": "cfasr_ext.streaming",
    "SpeechStarted": "cfasr_ext.streaming",
    "StartOfTurn": "cfasr_ext.streaming",
    "Stream": "cfasr_ext.streaming",
    "StreamAudioError": "cfasr_ext.streaming",
    "StreamClosedError": "cfasr_ext.streaming",
    "StreamConnectionLostError": "cfasr_ext.streaming",
    "StreamEvent": "cfasr_ext.streaming",
    "StreamIdleTimeoutError": "cfasr_ext.streaming",
    "StreamProtocolError": "cfasr_ext.streaming",
    "StreamServerError": "cfasr_ext.streaming",
    "StreamState": "cfasr_ext.streaming",
    "StreamStateError": "cfasr_ext.streaming",
    "TurnInfo": "cfasr_ext.streaming",
    "TurnResumed": "cfasr_ext.streaming",
    "UnknownMessage": "cfasr_ext.streaming",
    "Update": "cfasr_ext.streaming",
    "UtteranceEnd": "cfasr_ext.streaming",
    "connect_flux": "cfasr_ext.streaming",
    "connect_flux_sync": "cfasr_ext.streaming",
    "connect_nova3": "cfasr_ext.streaming",
    "connect_nova3_internal": "cfasr_ext.streaming",
    "connect_nova3_internal_sync": "cfasr_ext.streaming",
    "connect_nova3_sync": "cfasr_ext.streaming",
    "Cue": "cfasr_ext.subtitles",
    "parse_srt": "cfasr_ext.subtitles",
    "parse_vtt": "cfasr_ext.subtitles",
    "Segment": "cfasr_ext.transcript",
    "Transcript": "cfasr_ext.transcript",
    "Word": "cfasr_ext.transcript",
}
"""Names loaded on first use (PEP 562), so `import cfasr_ext` stays cheap: the clients (and
httpx), streaming, audio decoding, long audio and the generated models load when touched."""


def __getattr__(name: str) -> Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncFluxStream",
    "AsyncNova3Stream",
    "AsyncStream",
    "AudioFile",
    "AudioInputError",
    "AudioSource",
    "AuthenticationError",
    "BadRequestError",
    "BatchJob",
    "BatchOutcome",
    "BatchTimeoutError",
    "CfasrError",
    "Client",
    "ConfigurationError",
    "ConfigureFailure",
    "ConfigureSuccess",
    "ConflictError",
    "Connected",
    "Cue",
    "EagerEndOfTurn",
    "EndOfTurn",
    "ErrorCode",
    "ErrorDetail",
    "ErrorMessage",
    "FluxResult",
    "FluxStream",
    "FluxStreamOptions",
    "GatewayOptions",
    "InternalServerError",
    "Metadata",
    "NotFoundError",
    "Nova3CustomMode",
    "Nova3Encoding",
    "Nova3Language",
    "Nova3Mode",
    "Nova3Redact",
    "Nova3Result",
    "Nova3Stream",
    "Nova3StreamOptions",
    "OptionError",
    "PartialTranscriptError",
    "PermissionDeniedError",
    "Progress",
    "ProgressCallback",
    "RateLimitError",
    "RateLimiter",
    "RawResponse",
    "ReconnectPolicy",
    "Reconnected",
    "Reconnecting",
    "RequestTimeoutError",
    "RequestTooLargeError",
    "Results",
    "RetryPolicy",
    "Segment",
    "Settings",
    "SpeechStarted",
    "StartOfTurn",
    "Stream",
    "StreamAudioError",
    "StreamClosedError",
    "StreamConnectionLostError",
    "StreamEvent",
    "StreamIdleTimeoutError",
    "StreamProtocolError",
    "StreamServerError",
    "StreamState",
    "StreamStateError",
    "Transcript",
    "TurboResult",
    "TurboTask",
    "TurnInfo",
    "TurnResumed",
    "UnknownMessage",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "Update",
    "UtteranceEnd",
    "WhisperResult",
    "Word",
    "__version__",
    "connect_flux",
    "connect_flux_sync",
    "connect_nova3",
    "connect_nova3_internal",
    "connect_nova3_internal_sync",
    "connect_nova3_sync",
    "parse_srt",
    "parse_vtt",
    "pcm16_chunks",
    "resolve_model",
    "resolve_settings",
    "sniff_content_type",
    "stitch",
]
