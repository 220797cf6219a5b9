"""`RawResponse`: the HTTP details behind a parsed result (status, headers, raw body)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

__all__ = ["RawResponse"]

T = TypeVar("T")


class RawResponse(Generic[T]):
    """Status, headers and body of the final attempt; `parse()` gives the typed result."""

    def __init__(
        self,
        *,
        status_code: int,
        headers: Mapping[str, str],
        content: bytes,
        parser: Callable[[bytes], T],
    ) -> None:
        self.status_code = status_code
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.content = content
        self._parser = parser

    @property
    def request_id(self) -> str | None:
        """Workers AI's id for this inference (`cf-ai-req-id`); quote it in support requests."""
        return self.headers.get("cf-ai-req-id")

    @property
    def neurons(self) -> float | None:
        """Neurons billed for the request (`cf-ai-neurons`), when the server says."""
        value = self.headers.get("cf-ai-neurons")
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None

    def parse(self) -> T:
        """The typed result, unwrapped from the envelope."""
        return self._parser(self.content)

    def __repr__(self) -> str:
        return (
            f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r}, "
            f"bytes={len(self.content)})"
        )
