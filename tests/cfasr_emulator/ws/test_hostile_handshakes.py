"""Odd numbers in a handshake or a Configure are refused like any bad option, never a 500."""

from __future__ import annotations

import json

import pytest
import websockets

from cfasr_emulator.testing import EmulatorHandle

from .test_sockets import FLUX, NOVA, RAW, connect, refusal

HUGE = "9" * 5000
"""More digits than Python's int() converts (4300), so a bare int() raises."""


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (NOVA, "encoding=linear16&sample_rate=%C2%B2"),
        (NOVA, f"{RAW}&utterance_end_ms={HUGE}"),
        (NOVA, f"{RAW}&endpointing={HUGE}"),
        (NOVA, f"{RAW}&channels=%D9%A3"),
        (FLUX, f"encoding=linear16&sample_rate={HUGE}"),
        (FLUX, f"{RAW}&eot_timeout_ms={HUGE}"),
    ],
)
async def test_odd_numeric_options_are_bad_input(
    emulator: EmulatorHandle, model: str, query: str
) -> None:
    status, body = await refusal(emulator, model, query, emulator.auth_headers)
    assert status == 400
    assert body["success"] is False
    assert body["errors"][0]["code"] == 5006


@pytest.mark.parametrize("value", [HUGE, "²", int(HUGE[:4000])])
async def test_flux_configure_with_an_odd_timeout_fails_without_closing(
    emulator: EmulatorHandle, value: object
) -> None:
    async with connect(emulator, FLUX) as ws:
        assert json.loads(await ws.recv())["type"] == "Connected"
        configure = {"type": "Configure", "thresholds": {"eot_timeout_ms": value}}
        await ws.send(json.dumps(configure))
        answer = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "Configure", "thresholds": {"eot_threshold": 0.8}}))
        still_open = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "CloseStream"}))
        try:
            async for _ in ws:
                pass
        except websockets.ConnectionClosedError:
            pass
    assert answer["type"] == "ConfigureFailure"
    assert still_open["type"] == "ConfigureSuccess"
    assert ws.close_code == 1000
