"""Keep credentials out of the server's own log, at every level.

uvicorn hands its ``uvicorn.error`` logger to websockets, which at DEBUG logs every header
of every WebSocket handshake (``< authorization: Bearer ...``); at TRACE uvicorn logs each
ASGI scope, headers included (``(b'authorization', b'Bearer ...')``). ``cfasr -v serve``
turns DEBUG on, so the token of every stream landed in the terminal. A filter on those
loggers rewrites the record before any handler formats it.
"""

from __future__ import annotations

import logging
import re

__all__ = ["REDACTED", "CredentialFilter", "install"]

REDACTED = "<redacted>"
_NAMES = r"authorization|x-auth-key|sec-websocket-protocol|cf-aig-authorization"
"""Headers that carry a credential; ``sec-websocket-protocol`` because browser clients pass
their token as a subprotocol (``token, <key>``)."""
_HEADER_LINE = re.compile(rf"(?im)\b({_NAMES})(\s*:\s*)[^\r\n]*")
"""``authorization: Bearer abc``, as websockets logs a header line."""
_HEADER_PAIR = re.compile(rf"(?i)(b?(['\"])(?:{_NAMES})\2\s*,\s*b?(['\"]))(.*?)(\3)")
"""``(b'authorization', b'Bearer abc')``, as uvicorn's trace logs a scope."""

LOGGERS = (
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "uvicorn.asgi",
    "websockets",
    "websockets.server",
    "websockets.protocol",
    "cfasr_emulator",
)
"""Logger filters see only records logged on that very logger, so each one is named."""


_QUERY_CREDENTIAL = re.compile(
    r"(?i)((?:[?&'\"]|\bb')(?:token|access_token|api_key|apikey|key|authorization)=)[^&\s\"']*"
)
"""``?token=abc`` in a logged request line (access log, handshake path), and
``'query_string': b'token=abc'`` in uvicorn's trace of a scope."""


_SUBPROTOCOLS = re.compile(r"(['\"]subprotocols['\"]\s*:\s*\[)[^\]]*(\])")
"""``'subprotocols': ['token', 'abc']``, as uvicorn's trace logs a WebSocket scope."""


def redact(text: str) -> str:
    text = _HEADER_LINE.sub(rf"\1\2{REDACTED}", text)
    text = _SUBPROTOCOLS.sub(rf"\1'{REDACTED}'\2", text)
    text = _QUERY_CREDENTIAL.sub(rf"\1{REDACTED}", text)
    return _HEADER_PAIR.sub(rf"\1{REDACTED}\5", text)


class CredentialFilter(logging.Filter):
    """Replaces credential header values in a record's message; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # A broken format string is logging's own error to report.
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = CredentialFilter()


def install() -> None:
    """Attach the filter to every logger the server writes through (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
