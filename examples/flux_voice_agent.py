"""A voice-agent turn loop on flux: listen, draft a reply early, answer when the turn ends.

    python examples/flux_voice_agent.py caller.wav

Flux tells the agent when the speaker has (probably) finished: `EagerEndOfTurn` is the cue
to start preparing an answer, `TurnResumed` means the speaker went on (drop the draft), and
`EndOfTurn` means the turn is over (say the answer). Replace `reply_to` with your language
model and `say` with your speech synthesis.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import cfasr_ext


async def reply_to(text: str) -> str:
    """Stand-in for a language model call."""
    await asyncio.sleep(0)
    return f"You said {len(text.split())} words: {text!r}. How can I help?"


def say(text: str) -> None:
    """Stand-in for speech synthesis."""
    print(f"agent: {text}", flush=True)


async def converse(audio: Path) -> int:
    """Run the loop over `audio` as the caller's voice; returns the number of answered turns."""
    answered = 0
    draft: asyncio.Task[str] | None = None
    async with cfasr_ext.AsyncClient() as client:
        stream = client.flux.stream(sample_rate=16000, eot_threshold=0.7, eager_eot_threshold=0.5)
        async with stream:

            async def feed() -> None:
                await stream.send_file(audio, realtime=False)
                await stream.close()

            sender = asyncio.create_task(feed())
            async for event in stream:
                if isinstance(event, cfasr_ext.StartOfTurn):
                    print(f"caller: (turn {event.turn_index} starts)", flush=True)
                elif isinstance(event, cfasr_ext.EagerEndOfTurn):
                    draft = asyncio.create_task(reply_to(event.transcript))
                elif isinstance(event, cfasr_ext.TurnResumed) and draft is not None:
                    draft.cancel()
                    draft = None
                elif isinstance(event, cfasr_ext.EndOfTurn):
                    print(f"caller: {event.transcript}", flush=True)
                    if draft is None:
                        draft = asyncio.create_task(reply_to(event.transcript))
                    say(await draft)
                    draft = None
                    answered += 1
            await sender
    return answered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", type=Path)
    args = parser.parse_args(argv)
    turns = asyncio.run(converse(args.audio))
    print(f"{turns} turn(s) answered")
    return 0 if turns else 1


if __name__ == "__main__":
    sys.exit(main())
