"""A client library for accessing cfasr Workers AI speech recognition"""

# The clients (and httpx) load on first use (PEP 562), so importing `.contract` or `.models`
# alone stays cheap. Generated from scripts/templates/package_init.py.jinja.
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module(".client", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = (
    "AuthenticatedClient",
    "Client",
)
