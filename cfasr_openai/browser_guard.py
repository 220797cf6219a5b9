"""A keyless gateway serves only its own machine, not the web pages open on it.

Without an API key, whoever reaches the port spends the Workers AI account behind it. The
bind address keeps other machines out; this keeps out the browser: a page on any site can
POST a form to `http://127.0.0.1:<port>` (no CORS check guards a simple form POST), and a
site whose DNS name resolves to 127.0.0.1 (DNS rebinding) can even read the answers. So a
keyless gateway refuses a request that a browser marks as coming from another site
(`Sec-Fetch-Site`, a foreign `Origin`) and one addressed to a name that is not loopback
(`Host`). Programs (curl, the OpenAI SDK) send neither header and a loopback `Host`; a gateway
with a key relies on the key instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import HTTPConnection

from cfasr_ext.internal import is_loopback_host

from .errors import OpenAIError

__all__ = ["refuse_foreign_browsers"]

_CROSS = frozenset({"cross-site", "same-site"})
"""``Sec-Fetch-Site`` values of a request another site (or sibling subdomain) started."""


def _host_name(value: str) -> str | None:
    try:
        return urlsplit(f"//{value.strip()}").hostname
    except ValueError:
        return None


def refuse_foreign_browsers(request: HTTPConnection) -> None:
    """Raise a 403 :class:`OpenAIError` for a request (or WebSocket handshake) a keyless
    gateway must not serve."""
    if request.headers.get("sec-fetch-site", "").strip().lower() in _CROSS:
        raise _refused("a page of another site sent it (Sec-Fetch-Site)")
    origin = request.headers.get("origin")
    if origin is not None and origin.strip().lower() != "null":
        if not is_loopback_host(urlsplit(origin.strip()).hostname):
            raise _refused(f"a page of {origin.strip()!r} sent it (Origin)")
    elif origin is not None:
        raise _refused("a sandboxed page or file sent it (Origin: null)")
    if not is_loopback_host(_host_name(request.headers.get("host", ""))):
        raise _refused("it is addressed to a name that is not loopback (Host)")


def _refused(why: str) -> OpenAIError:
    return OpenAIError(
        403,
        f"This keyless gateway serves programs on its own machine only, and {why}. "
        "Start the gateway with an API key to serve other callers.",
        code="foreign_request",
    )
