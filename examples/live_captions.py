"""Live captions: stream a recording to nova-3 and show the words as they are recognised.

    python examples/live_captions.py talk.wav            # paced like a live source
    python examples/live_captions.py talk.wav --fast     # as fast as the server takes it

Interim results rewrite the current line in place; a final result fixes it and starts a new
line. Sending and receiving run side by side, as they would with a microphone.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import cfasr_ext


async def caption(audio: Path, *, realtime: bool, timeout: float) -> cfasr_ext.Transcript:
    async with cfasr_ext.AsyncClient(timeout=timeout) as client:
        stream = client.nova_3.stream(
            encoding="linear16", sample_rate=16000, interim_results=True, punctuate=True
        )
        async with stream:

            async def feed() -> None:
                await stream.send_file(audio, realtime=realtime)
                await stream.close()  # no more audio: flush the last results

            sender = asyncio.create_task(feed())
            width = 0
            async for event in stream:
                if isinstance(event, cfasr_ext.Results) and event.transcript:
                    line = f"[{event.start:6.2f}s] {event.transcript}"
                    end = "\n" if event.is_final else ""
                    sys.stdout.write("\r" + line.ljust(width) + end)
                    sys.stdout.flush()
                    width = 0 if event.is_final else len(line)
                elif isinstance(event, cfasr_ext.Reconnecting):
                    print(f"\n(connection lost, reconnecting in {event.delay:.1f} s)")
            await sender
        return stream.transcript()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    parser.add_argument("--fast", action="store_true", help="do not pace in real time")
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds to wait for the server, also for the last results after the audio ends",
    )
    args = parser.parse_args(argv)
    transcript = asyncio.run(caption(args.audio, realtime=not args.fast, timeout=args.timeout))
    print(f"\n{len(transcript.words)} words in {transcript.duration or 0:.1f} s of audio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
