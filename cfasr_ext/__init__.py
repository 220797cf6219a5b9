"""cfasr: the Python SDK for Cloudflare Workers AI speech recognition.

Everything a user needs is importable from here; modules whose names start with `_` are
private and may change without notice.

    import cfasr_ext
    with cfasr_ext.Client() as client:          # CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID
        result = client.whisper_large_v3_turbo.transcribe("talk.mp3", language="en")
        transcript = client.transcribe("talk.mp3", model="nova-3", smart_format=True)
        print(transcript.to_srt())
"""

from cfasr_ext._audio import AudioFile, AudioSource, sniff_content_type
from cfasr_ext._batch import BatchJob, BatchOutcome, BatchTimeoutError
from cfasr_ext._client import AsyncClient, Client, resolve_model
from cfasr_ext._config import Settings, resolve_settings
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
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    RequestTooLargeError,
    UnprocessableEntityError,
    UnsupportedOperationError,
)
from cfasr_ext._gateway import GatewayOptions
from cfasr_ext._ratelimit import RateLimiter
from cfasr_ext._raw import RawResponse
from cfasr_ext._retry import RetryPolicy
from cfasr_ext._version import __version__
from cfasr_ext.chunking import stitch
from cfasr_ext.streaming import (
    AsyncFluxStream,
    AsyncNova3Stream,
    ConfigureFailure,
    ConfigureSuccess,
    Connected,
    EagerEndOfTurn,
    EndOfTurn,
    ErrorMessage,
    FluxStream,
    Metadata,
    Nova3Stream,
    Reconnected,
    Reconnecting,
    ReconnectPolicy,
    Results,
    SpeechStarted,
    StartOfTurn,
    StreamAudioError,
    StreamClosedError,
    StreamConnectionLostError,
    StreamEvent,
    StreamIdleTimeoutError,
    StreamProtocolError,
    StreamServerError,
    StreamStateError,
    TurnInfo,
    TurnResumed,
    UnknownMessage,
    Update,
    UtteranceEnd,
)
from cfasr_ext.subtitles import Cue, parse_srt, parse_vtt
from cfasr_ext.transcript import Segment, Transcript, Word

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncFluxStream",
    "AsyncNova3Stream",
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
    "FluxStream",
    "GatewayOptions",
    "InternalServerError",
    "Metadata",
    "NotFoundError",
    "Nova3Stream",
    "OptionError",
    "PermissionDeniedError",
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
    "StreamAudioError",
    "StreamClosedError",
    "StreamConnectionLostError",
    "StreamEvent",
    "StreamIdleTimeoutError",
    "StreamProtocolError",
    "StreamServerError",
    "StreamStateError",
    "Transcript",
    "TurnInfo",
    "TurnResumed",
    "UnknownMessage",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "Update",
    "UtteranceEnd",
    "Word",
    "__version__",
    "parse_srt",
    "parse_vtt",
    "resolve_model",
    "resolve_settings",
    "sniff_content_type",
    "stitch",
]
