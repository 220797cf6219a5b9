"""Credential and account-id checks, answering as Cloudflare's API gateway does."""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping

from . import error_envelope
from .config import ServerConfig

_ACCOUNT_ID = re.compile(r"^[0-9a-fA-F]{32}$")
_BEARER = re.compile(r"^Bearer +([^\s]+)$", re.IGNORECASE)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def check_account_id(account_id: str, path: str) -> None:
    """Refuse an account id that is not 32 hex digits: 400 with 7003 "Could not route"."""
    if not _ACCOUNT_ID.match(account_id):
        raise error_envelope.unroutable_account(path)


def check_credentials(config: ServerConfig, headers: Mapping[str, str]) -> None:
    """Accept a bearer token or an X-Auth-Key + X-Auth-Email pair, or raise ApiError.

    * malformed ``Authorization`` -> 400 / 6003 with 6111 in ``error_chain``
    * only one of key/e-mail -> 400 / 6003 with 6102 or 6103
    * nothing, or (strict mode) the wrong credentials -> 401 / 10000
    """
    authorization = headers.get("authorization")
    key = headers.get("x-auth-key")
    email = headers.get("x-auth-email")
    if authorization is not None:
        match = _BEARER.match(authorization.strip())
        if match is None:
            raise error_envelope.invalid_authorization_header()
        token = match.group(1)
        if config.token is None and config.api_key is not None:
            raise error_envelope.authentication_error()
        if config.token is not None and not _same(token, config.token):
            raise error_envelope.authentication_error()
        return
    if key is None and email is None:
        raise error_envelope.authentication_error()
    if not email:
        raise error_envelope.invalid_header(6102, "Invalid format for X-Auth-Email header")
    if not key:
        raise error_envelope.invalid_header(6103, "Invalid format for X-Auth-Key header")
    if config.api_key is None and config.token is not None:
        raise error_envelope.authentication_error()
    if (
        config.api_key is not None
        and config.email is not None
        and not (_same(key, config.api_key) and _same(email.lower(), config.email.lower()))
    ):
        raise error_envelope.authentication_error()
