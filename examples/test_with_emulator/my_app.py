"""The application code under test: a tiny service that captions recordings.

Nothing here knows about the emulator; it takes a client, as code that talks to Cloudflare
would, and the tests hand it one pointed at the emulator.
"""

from __future__ import annotations

from pathlib import Path

import cfasr_ext


def caption(client: cfasr_ext.Client, audio: Path, *, model: str = "whisper-tiny-en") -> str:
    """SubRip subtitles for `audio`."""
    return client.transcribe(audio, model=model).to_srt()


def transcribe_or_none(client: cfasr_ext.Client, audio: Path) -> str | None:
    """The text, or None when Workers AI is out of capacity even after the client's retries."""
    try:
        return client.transcribe(audio, model="whisper-tiny-en").text
    except cfasr_ext.RateLimitError:
        return None
