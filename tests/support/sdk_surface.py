"""What the SDK must never load: one list for the import tests of the checkout and of a
fresh install."""

from __future__ import annotations

NOT_FOR_THE_SDK = (
    "starlette",
    "uvicorn",
    "faster_whisper",
    "ctranslate2",
    "av",
    "numpy",
    "typer",
    "rich",
    "cfasr_emulator",
    "cfasr_openai",
    "cfasr_cli",
)
"""Servers, engines, decoders and the command line: `import cfasr_ext` loads none of them."""
