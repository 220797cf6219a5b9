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
from cfasr_ext._ratelimit import RateLimiter
from cfasr_ext._raw import RawResponse
from cfasr_ext._retry import RetryPolicy
from cfasr_ext._version import __version__
from cfasr_ext.transcript import Segment, Transcript, Word

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
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
    "ConflictError",
    "ErrorCode",
    "ErrorDetail",
    "InternalServerError",
    "NotFoundError",
    "OptionError",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimiter",
    "RawResponse",
    "RequestTimeoutError",
    "RequestTooLargeError",
    "RetryPolicy",
    "Segment",
    "Settings",
    "Transcript",
    "UnprocessableEntityError",
    "UnsupportedOperationError",
    "Word",
    "__version__",
    "resolve_model",
    "resolve_settings",
    "sniff_content_type",
]
