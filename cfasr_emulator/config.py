"""Emulator settings: one frozen object built from arguments or the environment."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs
from cfasr_client.contract import EMULATOR_LIMITS, SERVICE_LIMITS

from cfasr_openai.flags import Flag, flag
from cfasr_openai.guard_settings import GuardSettings

from .faults import FaultRule, parse_rules

EngineMode = Literal["real", "skip"]
"""``skip`` answers without recognition (transport benchmarks only); results say so."""

TOKEN_ENV = "CFASR_EMULATOR_TOKEN"  # noqa: S105 (a variable name, not a secret)
API_KEY_ENV = "CFASR_EMULATOR_API_KEY"
EMAIL_ENV = "CFASR_EMULATOR_EMAIL"
GATEWAY_TOKEN_ENV = "CFASR_EMULATOR_GATEWAY_TOKEN"  # noqa: S105 (a variable name)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8787


def _limit(name: str) -> Any:
    """The default of one of the emulator's own limits, as openapi.yaml declares it."""
    return EMULATOR_LIMITS[name].value


def _limit_flag(name: str) -> dict[str, Flag]:
    """The flag of one of the emulator's own limits: its name and help from openapi.yaml."""
    limit = EMULATOR_LIMITS[name]
    if limit.flag is None:
        raise ValueError(f"{name} has no flag in openapi.yaml's x-cfasr-emulator-limits")
    return flag(f"{limit.description} [{limit.unit}]", name=limit.flag.removeprefix("--"))


def _fault_rules(text: str) -> tuple[FaultRule, ...]:
    return parse_rules([text])


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    del instance
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value!r}")


def _origins(value: str | Iterable[str]) -> tuple[str, ...]:
    # One origin given as a plain string must not become a tuple of its characters.
    return (value,) if isinstance(value, str) else tuple(value)


def _mask(value: str | None) -> str:
    return "None" if value is None else "'***'"


@attrs.frozen(repr=False)
class ServerConfig:
    """How the emulator listens, authenticates, limits and misbehaves.

    Setting ``token`` (or ``api_key`` + ``email``) makes authentication strict: only those
    credentials pass. Without them any non-empty bearer token or key/e-mail pair passes, but
    a request without credentials still gets Cloudflare's 10000 authentication error.
    """

    host: str = attrs.field(default=DEFAULT_HOST, metadata=flag("Address to listen on."))
    port: int = attrs.field(default=DEFAULT_PORT, metadata=flag("Port to listen on."))
    token: str | None = attrs.field(
        default=None,
        metadata=flag(
            f"Accept only this bearer token (unset: any token). Prefer the {TOKEN_ENV} "
            "environment variable: a flag is saved in your shell history.",
            secret_env=TOKEN_ENV,
        ),
    )
    api_key: str | None = attrs.field(
        default=None,
        metadata=flag(
            f"Accept only this X-Auth-Key (with --email) [env: {API_KEY_ENV}].",
            secret_env=API_KEY_ENV,
        ),
    )
    email: str | None = attrs.field(
        default=None,
        metadata=flag(f"Accept only this X-Auth-Email (with --api-key) [env: {EMAIL_ENV}]."),
    )
    gateway_token: str | None = attrs.field(
        default=None,
        metadata=flag(
            "Make the AI Gateway routes (/v1/{account_id}/{gateway_id}/workers-ai/...) "
            "authenticated: they then want 'cf-aig-authorization: Bearer' this token "
            f"[env: {GATEWAY_TOKEN_ENV}].",
            secret_env=GATEWAY_TOKEN_ENV,
        ),
    )
    gateway_cache: bool = attrs.field(
        default=False,
        metadata=flag(
            "Cache answers on the AI Gateway routes (cf-aig-cache-status HIT), to test cache "
            "handling; Cloudflare's gateway caches no speech results."
        ),
    )
    """Off by default, as on Cloudflare (its gateway caches only text and image responses)."""
    max_body_bytes: int = attrs.field(
        default=int(_limit("max_body_bytes")),
        validator=_positive,
        metadata=_limit_flag("max_body_bytes"),
    )
    """Larger request bodies get 413 / 3006 (checked from Content-Length before reading)."""
    max_audio_seconds: float = attrs.field(
        default=float(_limit("max_audio_seconds")),
        validator=_positive,
        metadata=_limit_flag("max_audio_seconds"),
    )
    """Decoded audio per REST request (each batch item) and per WebSocket session; longer
    audio gets 413 / 3006 (REST) or close 1008 ``DATA-0000`` (WebSocket). Decoding stops as
    soon as the cap is passed, so a tiny FLAC of hours of silence cannot fill the memory:
    30 minutes is 115 MB of 16 kHz float32, and the SDK sends long files in ~30 s pieces."""
    max_batch_bytes: int = attrs.field(
        default=int(SERVICE_LIMITS["max_batch_bytes"].value), validator=_positive
    )
    """Cloudflare's batch payload ceiling (``queueRequest=true``): under 10 MB."""
    max_ws_sessions: int = attrs.field(
        default=int(_limit("max_ws_sessions")),
        validator=_positive,
        metadata=_limit_flag("max_ws_sessions"),
    )
    requests_per_minute: int = attrs.field(
        default=int(SERVICE_LIMITS["requests_per_minute"].value),
        validator=_positive,
        metadata=flag("Requests per minute per account; more get 429 / 3040."),
    )
    """Per account, as Cloudflare limits Automatic Speech Recognition."""
    engine_mode: EngineMode = attrs.field(
        default="real",
        validator=attrs.validators.in_(("real", "skip")),
        metadata=flag(
            "'skip' answers without recognition, for transport benchmarks only.", name="engine"
        ),
    )
    engine_queue: int = attrs.field(
        default=int(_limit("engine_queue")),
        validator=_positive,
        metadata=_limit_flag("engine_queue"),
    )
    """Requests running or waiting in the engine; one more gets 429 / 3040."""
    engine_threads: int = attrs.field(default=2, validator=_positive)
    engine_deadline_s: float = attrs.field(
        default=float(_limit("engine_deadline_s")),
        validator=_positive,
        metadata=_limit_flag("engine_deadline_s"),
    )
    """Time one recognition may take (waiting for the engine included); past it a REST request
    gets 408 / 3007 and a stream closes with 1011. The engine stops at its next decoder step,
    so the answer can come up to one step later (one window's encoding or token generation)."""
    faults_enabled: bool = attrs.field(
        default=False,
        metadata=flag(
            "Enable fault injection (the cf-emulator-fault request header).", name="faults"
        ),
    )
    """Fault injection (control header and rules) is off unless this is set at start."""
    fault_rules: tuple[FaultRule, ...] = attrs.field(
        default=(),
        metadata=flag(
            "Fault rules such as 'runWhisper@2:503,*@1:reset' (turns on --faults).",
            metavar="RULES",
            parse=_fault_rules,
        ),
    )
    idle_timeout_s: float = attrs.field(
        default=10.0,
        validator=_positive,
        metadata=flag("Seconds a WebSocket session may send nothing before it closes (1011)."),
    )
    """WebSocket sessions with no client frame for this long close with 1011 NET-0001."""
    preload: bool = attrs.field(default=False, metadata=flag("Load the models at start."))
    """Load the models at start instead of on first use."""
    graceful_shutdown_s: float = attrs.field(
        default=float(_limit("graceful_shutdown_s")),
        validator=_positive,
        metadata=_limit_flag("graceful_shutdown_s"),
    )
    """On SIGINT/SIGTERM: requests in flight may finish and streams end (last finals,
    Metadata, close 1001) for this long. Shortly before it ends, what is still running is
    answered (REST 503 with Retry-After; a stream's Metadata and 1001); then the process ends."""
    max_request_line_bytes: int = attrs.field(
        default=int(_limit("max_request_line_bytes")),
        validator=_positive,
        metadata=_limit_flag("max_request_line_bytes"),
    )
    """Longer request lines (method, URL with its query, version) get 414. Cloudflare
    answers 414 past 32 KB of URL; 100 typical key terms take about 3 KB of query."""
    max_header_bytes: int = attrs.field(
        default=int(_limit("max_header_bytes")),
        validator=_positive,
        metadata=_limit_flag("max_header_bytes"),
    )
    """Larger header blocks, or more than ``max_header_count`` header lines, get 431."""
    max_header_count: int = attrs.field(
        default=int(_limit("max_header_count")),
        validator=_positive,
        metadata=_limit_flag("max_header_count"),
    )
    header_timeout_s: float = attrs.field(
        default=float(_limit("header_timeout_s")),
        validator=_positive,
        metadata=_limit_flag("header_timeout_s"),
    )
    """The whole request head must arrive within this (a slow-loris client is cut off, 408)."""
    body_timeout_s: float = attrs.field(
        default=float(_limit("body_timeout_s")),
        validator=_positive,
        metadata=_limit_flag("body_timeout_s"),
    )
    """A request body that sends nothing for this long gets 408 and the connection closes."""
    keep_alive_timeout_s: float = attrs.field(
        default=float(_limit("keep_alive_timeout_s")),
        validator=_positive,
        metadata=_limit_flag("keep_alive_timeout_s"),
    )
    """An idle keep-alive connection between requests is closed after this."""
    ws_handshake_timeout_s: float = attrs.field(
        default=float(_limit("ws_handshake_timeout_s")),
        validator=_positive,
        metadata=_limit_flag("ws_handshake_timeout_s"),
    )
    """A WebSocket upgrade not answered (101 or refusal) within this gets 408 and is closed."""
    max_ws_text_bytes: int = attrs.field(
        default=int(_limit("max_ws_text_bytes")), validator=_positive
    )
    """A WebSocket text message longer than this closes the session with 1009."""
    ws_queued_audio_s: float = attrs.field(
        default=float(_limit("ws_queued_audio_s")),
        validator=_positive,
        metadata=_limit_flag("ws_queued_audio_s"),
    )
    """Audio a stream reads ahead of recognition, so pings are answered while it is behind."""
    max_connections: int = attrs.field(
        default=int(_limit("max_connections")),
        validator=_positive,
        metadata=_limit_flag("max_connections"),
    )
    """Open connections (HTTP and WebSocket); the next ones get 503 and are closed."""
    allowed_origins: tuple[str, ...] = attrs.field(
        default=(),
        converter=_origins,
        metadata=flag(
            "Let web pages from ORIGIN (e.g. https://app.example) open WebSockets; repeatable "
            "(loopback origins and non-browser clients always may).",
            name="allow-origin",
            metavar="ORIGIN",
        ),
    )
    """Browser origins (``https://app.example:8443``) that may open WebSockets besides the
    loopback ones; a handshake from any other ``Origin`` gets 403. No ``Origin`` passes."""
    allow_any_origin: bool = attrs.field(
        default=False, metadata=flag("Let web pages from any origin open WebSockets.")
    )
    """Let a page from any origin open WebSockets (the emulator is then open to the web)."""

    def __attrs_post_init__(self) -> None:
        if (self.api_key is None) != (self.email is None):
            raise ValueError("api_key and email must be given together")
        for name in ("token", "api_key", "email", "gateway_token"):
            if getattr(self, name) == "":
                raise ValueError(f"{name} must not be empty; leave it unset for lenient auth")
        if self.fault_rules and not self.faults_enabled:
            raise ValueError("fault_rules need faults_enabled=True")

    def guard_settings(self) -> GuardSettings:
        """The connection guard's limits, from these settings."""
        return GuardSettings.of(self)

    @property
    def strict_auth(self) -> bool:
        return self.token is not None or self.api_key is not None

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/client/v4"

    def __repr__(self) -> str:
        return (
            f"ServerConfig(host={self.host!r}, port={self.port}, token={_mask(self.token)}, "
            f"api_key={_mask(self.api_key)}, email={_mask(self.email)}, "
            f"gateway_token={_mask(self.gateway_token)}, "
            f"engine_mode={self.engine_mode!r}, faults_enabled={self.faults_enabled})"
        )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> ServerConfig:
        """Fill credentials from ``CFASR_EMULATOR_TOKEN`` (and key/e-mail) unless given."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "token": env.get(TOKEN_ENV) or None,
            "api_key": env.get(API_KEY_ENV) or None,
            "email": env.get(EMAIL_ENV) or None,
            "gateway_token": env.get(GATEWAY_TOKEN_ENV) or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
