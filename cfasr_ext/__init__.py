"""cfasr: the Python SDK for Cloudflare Workers AI speech recognition.

Everything a user needs is importable from here; modules whose names start with `_` are
private and may change without notice.
"""

from cfasr_ext._version import __version__

__all__ = ["__version__"]
