"""The one place the package version is written (read by hatchling and the package)."""

__version__ = "0.1.0"
