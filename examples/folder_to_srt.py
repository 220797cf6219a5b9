"""Transcribe every recording in a folder to an .srt subtitle file beside it.

    export CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=...
    python examples/folder_to_srt.py recordings/ --model whisper-large-v3-turbo

Files are sent four at a time through one client, which shares its rate limiter and retries
between the threads. A file that fails is reported and the others go on; the exit status is
1 if any failed. Recordings that share a name (talk.wav and talk.mp3) keep their suffix in the
subtitle's name (talk.wav.srt, talk.mp3.srt), so neither overwrites the other.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cfasr_ext

AUDIO_SUFFIXES = {".wav", ".mp3", ".flac", ".ogg", ".opus", ".m4a", ".webm"}


def subtitle_paths(recordings: list[Path]) -> dict[Path, Path]:
    """`talk.srt` beside `talk.wav`, or `talk.wav.srt` when another recording is `talk.*`."""
    stems = Counter(audio.with_suffix("") for audio in recordings)
    return {
        audio: audio.with_name(audio.name + ".srt")
        if stems[audio.with_suffix("")] > 1
        else audio.with_suffix(".srt")
        for audio in recordings
    }


def srt_for(client: cfasr_ext.Client, audio: Path, subtitles: Path, model: str) -> Path:
    """Transcribe one file and write its subtitles to `subtitles`; returns that path."""
    transcript = client.transcribe(audio, model=model)
    subtitles.write_text(transcript.to_srt(), encoding="utf-8")
    return subtitles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--model", default="whisper-large-v3-turbo")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)

    recordings = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in AUDIO_SUFFIXES)
    if not recordings:
        print(f"no audio files in {args.folder}", file=sys.stderr)
        return 1

    failed = 0
    with cfasr_ext.Client() as client, ThreadPoolExecutor(args.workers) as pool:
        jobs = {
            audio: pool.submit(srt_for, client, audio, subtitles, args.model)
            for audio, subtitles in subtitle_paths(recordings).items()
        }
        for audio, job in jobs.items():
            try:
                print(f"{audio.name} -> {job.result().name}")
            except cfasr_ext.CfasrError as error:
                failed += 1
                print(f"{audio.name}: failed: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
