"""A stream whose recognition runs past the engine deadline ends with 1011 (issue 18)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import websockets

from cfasr_emulator.testing import EmulatorHandle, run_emulator

from .conftest import chunks

NOVA = "@cf/deepgram/nova-3"
FLUX = "@cf/deepgram/flux"


@pytest.fixture(scope="module")
def hurried() -> Iterator[EmulatorHandle]:
    """Every engine call is already late: the deadline passes before the first decoder step."""
    with run_emulator(engine_deadline_s=1e-6) as handle:
        yield handle


async def stream_until_closed(
    emulator: EmulatorHandle, model: str, pcm: bytes
) -> tuple[list[dict[str, object]], websockets.ConnectionClosedError]:
    """Stream ``pcm`` and CloseStream; the messages received, and the error closing it."""
    url = f"{emulator.websocket_url(model)}?encoding=linear16&sample_rate=16000"
    messages: list[dict[str, object]] = []

    async def stream() -> None:
        async with websockets.connect(url, additional_headers=emulator.auth_headers) as ws:
            for chunk in chunks(pcm, 3200):
                await ws.send(chunk)
            await ws.send(json.dumps({"type": "CloseStream"}))
            async for raw in ws:  # one by one: the 1011 ends the loop with an exception
                messages.append(json.loads(raw))

    with pytest.raises(websockets.ConnectionClosedError) as closed:
        await stream()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1011
    return messages, closed.value


async def test_a_stream_past_the_engine_deadline_closes_with_1011(
    hurried: EmulatorHandle, weather_pcm: bytes
) -> None:
    messages, _ = await stream_until_closed(hurried, NOVA, weather_pcm)
    assert not [m for m in messages if m.get("type") == "Results"]


async def test_flux_past_the_engine_deadline_says_why_and_logs_no_traceback(
    hurried: EmulatorHandle, weather_pcm: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """The deadline is a configured limit, not a server bug: the flux ``Error`` frame names
    it, and the emulator logs a warning rather than an error with a traceback."""
    messages, _ = await stream_until_closed(hurried, FLUX, weather_pcm)
    errors = [m for m in messages if m.get("type") == "Error"]
    assert errors, messages
    assert "deadline" in str(errors[0]["description"])
    assert not [r for r in caplog.records if r.getMessage() == "streaming session failed"]
    assert [r for r in caplog.records if "deadline" in r.getMessage()]
