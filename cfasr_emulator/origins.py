"""Which browser origins may open a WebSocket to the emulator.

A browser sends ``Origin`` with every WebSocket handshake and, unlike ``fetch``, applies no
CORS check to the answer, so without this guard any web page a developer visits could stream
to their local emulator. Clients that are not browsers send no ``Origin`` and always pass;
pages served from the developer's own machine (loopback origins) pass too.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def normalise(origin: str) -> str:
    """``scheme://host[:port]`` in lower case, without a trailing slash."""
    return origin.strip().rstrip("/").lower()


def is_loopback(origin: str) -> bool:
    try:
        parts = urlsplit(normalise(origin))
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.hostname in LOOPBACK_HOSTS


def origin_allowed(origin: str | None, allowed: Iterable[str], *, allow_any: bool) -> bool:
    """No ``Origin`` (not a browser), a loopback origin, or one the server was told to allow."""
    if origin is None or allow_any or is_loopback(origin):
        return True
    return normalise(origin) in {normalise(o) for o in allowed}
