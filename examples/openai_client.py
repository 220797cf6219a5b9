"""Transcribe a recording with the `openai` package, through cfasr's OpenAI-compatible API.

    pip install 'cfasr[openai-gateway,cli]' openai
    export CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=... CFASR_GATEWAY_API_KEY=...
    cfasr gateway &                     # Workers AI behind http://127.0.0.1:8790/v1
    OPENAI_API_KEY=$CFASR_GATEWAY_API_KEY python examples/openai_client.py talk.wav

Offline, `cfasr serve` answers the same routes with its local engine:
`python examples/openai_client.py talk.wav --base-url http://127.0.0.1:8787/v1`.
Prints the language, duration and first words, writes `talk.srt`, then streams the text.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from openai import OpenAI


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", type=Path, help="an audio file (wav, mp3, flac, ogg, m4a...)")
    parser.add_argument("--base-url", default="http://127.0.0.1:8790/v1")
    args = parser.parse_args()
    # The gateway's own key (CFASR_GATEWAY_API_KEY), never a Cloudflare token.
    client = OpenAI(base_url=args.base_url, api_key=os.environ.get("OPENAI_API_KEY", "unused"))

    with args.file.open("rb") as audio:
        verbose = client.audio.transcriptions.create(
            file=audio,
            model="whisper-1",  # Workers AI's whisper-large-v3-turbo
            response_format="verbose_json",
            timestamp_granularities=["word", "segment"],
        )
    print(f"{verbose.language}, {verbose.duration:.1f} s: {verbose.text.strip()}")
    for word in (verbose.words or [])[:5]:
        print(f"  {word.start:5.2f}-{word.end:5.2f} s  {word.word}")

    with args.file.open("rb") as audio:
        srt = client.audio.transcriptions.create(
            file=audio, model="whisper-1", response_format="srt"
        )
    subtitles = args.file.with_suffix(".srt")
    subtitles.write_text(srt, encoding="utf-8")
    print(f"wrote {subtitles}")

    with args.file.open("rb") as audio:
        stream = client.audio.transcriptions.create(file=audio, model="nova-3", stream=True)
        print("streamed:", end="", flush=True)
        for event in stream:
            if event.type == "transcript.text.delta":
                print(f" {event.delta.strip()}", end="", flush=True)
    print()


if __name__ == "__main__":
    main()
