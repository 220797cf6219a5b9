"""Gateway settings: one frozen object, its secrets masked in every repr."""

from __future__ import annotations

from typing import Any

import attrs

from cfasr_ext import RateLimiter
from cfasr_ext.internal import DEFAULT_REQUESTS_PER_MINUTE

from .flags import flag
from .guard_settings import GuardSettings

__all__ = [
    "API_KEY_ENV",
    "DEFAULT_HOST",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_PORT",
    "GatewayConfig",
]

API_KEY_ENV = "CFASR_GATEWAY_API_KEY"
"""Where `cfasr gateway` reads the key callers must present (a flag would show in `ps`)."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8790
_MIB = 1024 * 1024
DEFAULT_MAX_BODY_BYTES = 25 * _MIB
"""OpenAI's own upload limit for the audio endpoints (25 MB)."""
DEFAULT_MAX_WAIT_S = 10.0
"""The longest a caller waits for the rate limiter's next slot before it gets 429: longer
than OpenAI clients' patience for a slot is worse than telling them when to come back."""
DEFAULT_REALTIME_IDLE_S = 60.0
"""A realtime session with no client event for this long is closed: its upstream stream
holds a Workers AI connection (and sends keepalives) for a client that may be gone."""
DEFAULT_REALTIME_MAX_S = 3600.0
"""The longest realtime session the gateway keeps open (its own bound, one hour)."""


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    del instance
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value!r}")


def _not_negative(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    del instance
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value!r}")


def _port(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    del instance
    if not 0 <= value <= 65535:
        raise ValueError(f"{attribute.name} must be between 0 and 65535, got {value!r}")


def _no_empty_key(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    del instance, attribute
    if value == "":
        raise ValueError("api_key must not be empty; leave it unset to accept any caller")


@attrs.frozen(repr=False)
class GatewayConfig:
    """What the OpenAI-compatible routes accept.

    With `api_key` set, callers must send `Authorization: Bearer <api_key>` (compared in
    constant time); without it any caller that can reach the port is served, which is why
    `cfasr gateway` binds to loopback unless told otherwise. `max_body_bytes` caps the whole
    multipart request: a larger `Content-Length` is refused before reading, and a body that
    grows past it while being read is cut off with the same 413."""

    api_key: str | None = attrs.field(
        default=None,
        validator=_no_empty_key,
        metadata=flag(
            f"Callers must send this bearer key. Prefer the {API_KEY_ENV} environment "
            "variable: a flag shows in the process list.",
            secret_env=API_KEY_ENV,
        ),
    )
    max_body_bytes: int = attrs.field(
        default=DEFAULT_MAX_BODY_BYTES,
        validator=_positive,
        metadata=flag(
            "Largest request body, in MiB (OpenAI's limit is 25).", name="max-body-mb", scale=_MIB
        ),
    )
    rate_limiter: RateLimiter | None = attrs.field(default=None, eq=False)
    """Paces the Workers AI calls of all callers together; a caller whose turn is more than
    `max_wait_s` away gets 429 with Retry-After instead of waiting in an unbounded queue."""
    max_wait_s: float = attrs.field(default=DEFAULT_MAX_WAIT_S, validator=_positive)
    host: str = attrs.field(default=DEFAULT_HOST, metadata=flag("Address to listen on."))
    """Where `serve_gateway` listens (`create_app` alone does not listen)."""
    port: int = attrs.field(
        default=DEFAULT_PORT, validator=_port, metadata=flag("Port to listen on.")
    )
    max_retries: int = attrs.field(
        default=0,
        validator=_not_negative,
        metadata=flag("Retries of a failed Workers AI call (callers retry too)."),
    )
    requests_per_minute: float = attrs.field(
        default=DEFAULT_REQUESTS_PER_MINUTE,
        validator=_positive,
        metadata=flag("Workers AI calls per minute, all callers together."),
    )
    """What `serve_gateway` builds `rate_limiter` from."""
    realtime_idle_timeout_s: float = attrs.field(
        default=DEFAULT_REALTIME_IDLE_S,
        validator=_positive,
        metadata=flag("/v1/realtime: seconds without a client event before a session closes."),
    )
    """`/v1/realtime`: close a session after this long without a client event (an `error`
    event with code `idle_timeout` first)."""
    realtime_max_session_s: float = attrs.field(
        default=DEFAULT_REALTIME_MAX_S,
        validator=_positive,
        metadata=flag("/v1/realtime: seconds a session may last."),
    )
    """`/v1/realtime`: close a session this long after it opened (`session_expired`)."""

    # The connection guard's limits (see `connection_guard`); their defaults are here only.
    max_connections: int = attrs.field(
        default=256,
        validator=_positive,
        metadata=flag("Open connections; the next ones get 503 with Retry-After."),
    )
    header_timeout_s: float = attrs.field(
        default=10.0,
        validator=_positive,
        metadata=flag("Seconds a request head may take to arrive (408 after)."),
    )
    body_timeout_s: float = attrs.field(
        default=30.0,
        validator=_positive,
        metadata=flag("Seconds a request body may send nothing (408 after)."),
    )
    keep_alive_timeout_s: float = attrs.field(
        default=5.0,
        validator=_positive,
        metadata=flag("Seconds an idle keep-alive connection stays open."),
    )
    ws_handshake_timeout_s: float = attrs.field(
        default=10.0,
        validator=_positive,
        metadata=flag("Seconds a WebSocket upgrade may take to be answered (408 after)."),
    )
    max_request_line_bytes: int = attrs.field(
        default=32 * 1024,
        validator=_positive,
        metadata=flag("Longest request line (method, URL, query) in bytes (414 after)."),
    )
    max_header_bytes: int = attrs.field(
        default=64 * 1024,
        validator=_positive,
        metadata=flag("Largest header block in bytes (431 after)."),
    )
    max_header_count: int = attrs.field(
        default=100,
        validator=_positive,
        metadata=flag("Most header lines (431 after)."),
    )
    max_ws_text_bytes: int = attrs.field(
        default=16 * _MIB,
        validator=_positive,
        metadata=flag("/v1/realtime: longest client text message in bytes (close 1009 after)."),
    )
    """A realtime `input_audio_buffer.append` carries base64 audio, and a client may append a
    whole short recording at once (16 MiB is about 4 minutes of 24 kHz PCM16)."""

    def guard_settings(self) -> GuardSettings:
        """The connection guard's limits, from these settings."""
        return GuardSettings.of(self)

    def __repr__(self) -> str:
        key = "None" if self.api_key is None else "'***'"
        return f"GatewayConfig(api_key={key}, max_body_bytes={self.max_body_bytes})"
