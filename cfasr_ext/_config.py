"""Arguments and environment variables resolved into one frozen, secret-masking `Settings`.

Validation happens here, once, before any request: a missing token or account id, an account
id that is not 32 hex characters, or credentials bound for a non-loopback `http://` URL all
raise `ConfigurationError` naming the argument and the environment variable to set.
"""

from __future__ import annotations

import ipaddress
import os
import re
import urllib.parse
from collections.abc import Mapping, Sequence

import attrs
from cfasr_client.contract import OPERATIONS, operation_for

from cfasr_ext._errors import ConfigurationError

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_GATEWAY_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WS_PING_INTERVAL",
    "DEFAULT_WS_PING_TIMEOUT",
    "Settings",
    "is_loopback_host",
    "resolve_settings",
]

DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4"
DEFAULT_GATEWAY_BASE_URL = "https://gateway.ai.cloudflare.com/v1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_WS_PING_INTERVAL = 20.0
"""Seconds between the keepalive pings a stream sends (websockets' own default)."""
DEFAULT_WS_PING_TIMEOUT = 20.0
"""Seconds a stream waits for a ping's pong before it declares the connection dead."""

_ACCOUNT_ID = re.compile(r"[0-9a-fA-F]{32}")
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")


def is_loopback_host(host: str | None) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1 — the only hosts plain http may carry secrets to."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _run_path(account_id: str, model: str) -> str:
    """The contract's path of a model's operations; a model the contract does not know (a
    newer one) is put where every known model lives."""
    operation = operation_for(model, "rest") or operation_for(model, "websocket")
    if operation is not None:
        return operation.url_path(account_id)
    known = OPERATIONS["runWhisper"]
    return known.url_path(account_id).removesuffix(known.model) + model


@attrs.frozen(repr=False)
class Settings:
    """Everything a client needs to reach the API. `repr` never shows secrets."""

    account_id: str
    base_url: str = DEFAULT_BASE_URL
    api_token: str | None = None
    api_key: str | None = None
    email: str | None = None
    gateway_id: str | None = None
    gateway_token: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    default_headers: Mapping[str, str] = attrs.field(factory=dict)
    allow_insecure_http: bool = False
    gateway_base_url: str = DEFAULT_GATEWAY_BASE_URL
    ws_ping_interval: float | None = DEFAULT_WS_PING_INTERVAL
    ws_ping_timeout: float | None = DEFAULT_WS_PING_TIMEOUT

    def __repr__(self) -> str:
        def mask(value: str | None) -> str:
            return "None" if value is None else "'***'"

        return (
            f"Settings(account_id={self.account_id!r}, base_url={self.base_url!r}, "
            f"api_token={mask(self.api_token)}, api_key={mask(self.api_key)}, "
            f"email={self.email!r}, gateway_id={self.gateway_id!r}, "
            f"gateway_token={mask(self.gateway_token)}, timeout={self.timeout!r}, "
            f"max_retries={self.max_retries!r})"
        )

    def auth_headers(self) -> dict[str, str]:
        """`Authorization: Bearer` (or `X-Auth-Email`/`X-Auth-Key`), plus the gateway token."""
        headers: dict[str, str] = {}
        if self.api_token is not None:
            headers["Authorization"] = f"Bearer {self.api_token}"
        elif self.api_key is not None and self.email is not None:
            headers["X-Auth-Email"] = self.email
            headers["X-Auth-Key"] = self.api_key
        if self.gateway_token is not None:
            headers["cf-aig-authorization"] = f"Bearer {self.gateway_token}"
        return headers

    def secrets(self) -> tuple[str, ...]:
        """The secret values, so log and error text can be scrubbed of them."""
        values = (self.api_token, self.api_key, self.gateway_token)
        return tuple(v for v in values if v)

    def model_url(self, model: str) -> str:
        """The REST URL for a model id such as "@cf/openai/whisper" (slashes kept literal)."""
        if self.gateway_id is not None:
            return f"{self.gateway_base_url}/{self.account_id}/{self.gateway_id}/workers-ai/{model}"
        return self.base_url + _run_path(self.account_id, model)

    def websocket_url(self, model: str, query: Sequence[tuple[str, str]]) -> str:
        """The ws:// or wss:// URL of a streaming model; the gateway form puts it in `?model=`."""
        if self.gateway_id is not None:
            url = f"{self.gateway_base_url}/{self.account_id}/{self.gateway_id}/workers-ai"
            pairs = [("model", model), *query]
        else:
            url = self.model_url(model)
            pairs = list(query)
        if url.startswith("https://"):
            url = "wss://" + url[len("https://") :]
        elif url.startswith("http://"):
            url = "ws://" + url[len("http://") :]
        if pairs:
            url += "?" + urllib.parse.urlencode(pairs, safe="@/", quote_via=urllib.parse.quote)
        return url


def _pick(
    value: str | None, environ: Mapping[str, str], variable: str, default: str | None = None
) -> str | None:
    if value is not None:
        return value
    from_env = environ.get(variable)
    if from_env:
        return from_env.strip()
    return default


def _check_secret(name: str, variable: str, value: str | None) -> None:
    if value is None:
        return
    if not value or not _HEADER_SAFE.fullmatch(value):
        raise ConfigurationError(
            f"{name} is empty or contains spaces or control characters; pass the value exactly "
            f"as Cloudflare shows it (argument {name}= or ${variable})."
        )


def _check_url(name: str, variable: str, url: str, *, allow_insecure_http: bool) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigurationError(
            f"{name} must be an http(s) URL such as {DEFAULT_BASE_URL!r} "
            f"(argument {name}= or ${variable})."
        )
    if (
        parsed.scheme == "http"
        and not allow_insecure_http
        and not is_loopback_host(parsed.hostname)
    ):
        raise ConfigurationError(
            f"refusing to send credentials over plain http to {parsed.hostname}; use https, "
            "a loopback address, or pass allow_insecure_http=True if you really mean it."
        )
    return url.rstrip("/")


def _seconds_or_none(name: str, value: float | None) -> float | None:
    """A keepalive setting: positive seconds, or None to switch that part of keepalive off."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(
            f"{name} must be a positive number of seconds, or None to turn it off."
        )
    return float(value)


def resolve_settings(
    *,
    api_token: str | None = None,
    api_key: str | None = None,
    email: str | None = None,
    account_id: str | None = None,
    base_url: str | None = None,
    gateway_id: str | None = None,
    gateway_token: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    default_headers: Mapping[str, str] | None = None,
    allow_insecure_http: bool = False,
    environ: Mapping[str, str] | None = None,
    gateway_base_url: str | None = None,
    ws_ping_interval: float | None = DEFAULT_WS_PING_INTERVAL,
    ws_ping_timeout: float | None = DEFAULT_WS_PING_TIMEOUT,
) -> Settings:
    """Arguments win over `CLOUDFLARE_*` environment variables; raises `ConfigurationError`."""
    env = os.environ if environ is None else environ
    token = _pick(api_token, env, "CLOUDFLARE_API_TOKEN")
    key = _pick(api_key, env, "CLOUDFLARE_API_KEY")
    mail = _pick(email, env, "CLOUDFLARE_EMAIL")
    account = _pick(account_id, env, "CLOUDFLARE_ACCOUNT_ID")
    gateway = _pick(gateway_id, env, "CLOUDFLARE_AI_GATEWAY_ID")
    gw_token = _pick(gateway_token, env, "CLOUDFLARE_AI_GATEWAY_TOKEN")
    url = _pick(base_url, env, "CLOUDFLARE_BASE_URL", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    gw_url = _pick(
        gateway_base_url, env, "CLOUDFLARE_AI_GATEWAY_BASE_URL", DEFAULT_GATEWAY_BASE_URL
    )

    _check_secret("api_token", "CLOUDFLARE_API_TOKEN", token)
    _check_secret("api_key", "CLOUDFLARE_API_KEY", key)
    _check_secret("gateway_token", "CLOUDFLARE_AI_GATEWAY_TOKEN", gw_token)
    if token is None and (key is None or mail is None):
        if key is not None or mail is not None:
            missing = (
                "email ($CLOUDFLARE_EMAIL)" if mail is None else "api_key ($CLOUDFLARE_API_KEY)"
            )
            raise ConfigurationError(
                f"a global API key needs both api_key and email; {missing} is missing."
            )
        raise ConfigurationError(
            "no credentials: pass api_token= or set $CLOUDFLARE_API_TOKEN "
            "(or api_key= and email=, $CLOUDFLARE_API_KEY and $CLOUDFLARE_EMAIL)."
        )
    if account is None:
        raise ConfigurationError("no account id: pass account_id= or set $CLOUDFLARE_ACCOUNT_ID.")
    if not _ACCOUNT_ID.fullmatch(account):
        raise ConfigurationError(
            f"account_id must be 32 hexadecimal characters (got {len(account)} characters); "
            "copy it from the Cloudflare dashboard "
            "(argument account_id= or $CLOUDFLARE_ACCOUNT_ID)."
        )
    if gateway is not None and not re.fullmatch(r"[A-Za-z0-9_.-]+", gateway):
        raise ConfigurationError(
            "gateway_id may contain only letters, digits, '-', '_' and '.' "
            "(argument gateway_id= or $CLOUDFLARE_AI_GATEWAY_ID)."
        )
    url = _check_url(
        "base_url", "CLOUDFLARE_BASE_URL", url, allow_insecure_http=allow_insecure_http
    )
    gw_url = _check_url(
        "gateway_base_url",
        "CLOUDFLARE_AI_GATEWAY_BASE_URL",
        gw_url or DEFAULT_GATEWAY_BASE_URL,
        allow_insecure_http=allow_insecure_http,
    )
    resolved_timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
    if not resolved_timeout > 0:
        raise ConfigurationError("timeout must be a positive number of seconds.")
    ping_interval = _seconds_or_none("ws_ping_interval", ws_ping_interval)
    ping_timeout = _seconds_or_none("ws_ping_timeout", ws_ping_timeout)
    retries = DEFAULT_MAX_RETRIES if max_retries is None else max_retries
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ConfigurationError("max_retries must be a non-negative integer.")
    return Settings(
        account_id=account,
        base_url=url,
        api_token=token,
        api_key=key if token is None else None,
        email=mail if token is None else None,
        gateway_id=gateway,
        gateway_token=gw_token,
        timeout=resolved_timeout,
        max_retries=retries,
        default_headers=dict(default_headers or {}),
        allow_insecure_http=allow_insecure_http,
        gateway_base_url=gw_url,
        ws_ping_interval=ping_interval,
        ws_ping_timeout=ping_timeout,
    )
