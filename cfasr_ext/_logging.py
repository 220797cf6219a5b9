"""The "cfasr" logger, request logging switched on by `CFASR_LOG`, and secret scrubbing.

`CFASR_LOG=debug` or `CFASR_LOG=info` attaches a stderr handler to `logging.getLogger("cfasr")`
at that level. Every record passes through a filter that replaces known secrets with `***`, so
even a careless debug message cannot leak a token.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping

__all__ = ["SecretFilter", "logger", "redact", "setup_from_env"]

logger = logging.getLogger("cfasr")

_secrets: set[str] = set()


def register_secrets(values: Iterable[str]) -> None:
    """Remember values that must never be printed."""
    _secrets.update(v for v in values if len(v) >= 4)


def redact(text: str, secrets: Iterable[str] | None = None) -> str:
    """`text` with every known secret replaced by `***`."""
    for secret in set(secrets or ()) | _secrets:
        if secret and secret in text:
            text = text.replace(secret, "***")
    return text


class SecretFilter(logging.Filter):
    """Scrubs known secrets from a record; also put on third-party loggers (websockets logs
    upgrade headers at DEBUG level)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _secrets:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


logger.addFilter(SecretFilter())


def setup_from_env(environ: Mapping[str, str] | None = None) -> None:
    """Attach a stderr handler when `CFASR_LOG` is `debug` or `info` (idempotent)."""
    level_name = (environ if environ is not None else os.environ).get("CFASR_LOG", "").upper()
    if level_name not in ("DEBUG", "INFO"):
        return
    logger.setLevel(level_name)
    if not any(getattr(h, "_cfasr", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        handler._cfasr = True  # type: ignore[attr-defined]
        handler.addFilter(SecretFilter())
        logger.addHandler(handler)
