"""A client library for accessing cfasr Workers AI speech recognition"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
