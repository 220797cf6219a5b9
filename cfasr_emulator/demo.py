"""`make demo`: the main job, offline. Start the emulator, transcribe, stream, stop.

Runs with no network and no credentials: the local emulator (real offline speech engine)
listens on a free 127.0.0.1 port, and the very same client code that talks to Cloudflare
talks to it. Exit status 0 means every step produced a transcript.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import cfasr_ext
from cfasr_emulator.testing import EmulatorHandle, run_emulator

SAMPLE = Path(__file__).resolve().parent / "data" / "weather_park.wav"
REST_MODELS = ("whisper", "whisper-large-v3-turbo", "nova-3")


def _say(text: str) -> None:
    print(text, flush=True)


def _client(emulator: EmulatorHandle) -> cfasr_ext.Client:
    return cfasr_ext.Client(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    )


def transcribe_over_rest(emulator: EmulatorHandle) -> list[str]:
    """One REST call per model; returns the transcripts."""
    texts = []
    with _client(emulator) as client:
        for model in REST_MODELS:
            started = time.perf_counter()
            transcript = client.transcribe(SAMPLE, model=model)
            elapsed = time.perf_counter() - started
            _say(f"  {model:<24} {elapsed:5.2f} s  {transcript.text!r}")
            texts.append(transcript.text)
    return texts


async def stream_nova3(emulator: EmulatorHandle) -> str:
    """nova-3 over WebSocket, paced in real time so interim results show ('=' marks finals)."""
    async with cfasr_ext.AsyncClient(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        stream = client.nova_3.stream(
            encoding="linear16", sample_rate=16000, interim_results=True, punctuate=True
        )
        async with stream:
            await stream.send_file(SAMPLE, realtime=True)
        async for event in stream:
            if isinstance(event, cfasr_ext.Results) and event.transcript:
                mark = "=" if event.is_final else "~"
                _say(f"  {mark} [{event.start:5.2f}s] {event.transcript}")
            elif isinstance(event, cfasr_ext.Metadata):
                _say(f"  Metadata: {event.message.duration:.2f} s of audio")
        return stream.transcript().text


async def stream_flux(emulator: EmulatorHandle) -> str:
    """flux over WebSocket: one line per turn event."""
    async with cfasr_ext.AsyncClient(
        api_token=emulator.token, account_id=emulator.account_id, base_url=emulator.base_url
    ) as client:
        stream = client.flux.stream(sample_rate=16000)
        async with stream:
            await stream.send_file(SAMPLE, realtime=False)
        async for event in stream:
            if isinstance(event, cfasr_ext.TurnInfo) and not isinstance(event, cfasr_ext.Update):
                _say(f"  {type(event).__name__:<14} turn {event.turn_index}: {event.transcript!r}")
        return stream.transcript().text


def main() -> int:
    _say("cfasr demo — everything below runs offline on the local emulator.")
    _say(f"sample: {SAMPLE.name} (synthetic speech, see cfasr_emulator/data/SOURCE.md)")
    with run_emulator() as emulator:
        _say(f"emulator: {emulator.base_url}\n")
        _say("REST transcription")
        texts = transcribe_over_rest(emulator)
        _say("\nnova-3 live stream (~ interim, = final)")
        texts.append(asyncio.run(stream_nova3(emulator)))
        _say("\nflux live stream (turn events)")
        texts.append(asyncio.run(stream_flux(emulator)))
    empty = [i for i, text in enumerate(texts) if "weather" not in text.lower()]
    if empty:
        _say(f"\nsome steps did not hear the sample correctly: {empty}")
        return 1
    _say("\nall transcripts heard 'weather'; the emulator has stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
