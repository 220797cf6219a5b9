"""The nova-3 WebSocket and the nova-3 POST answer the same options the same way.

Both read the contract, but each path has its own code around it; these tests put the same
query to both on a real emulator and compare the answers.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from cfasr_client.contract import OPERATIONS

from cfasr_emulator.testing import EmulatorHandle

from .test_sockets import CLOSE, NOVA, RAW, connect, receive_all, refusal

REST_ONLY = sorted(
    param.name
    for param in OPERATIONS["runNova3"].params
    if OPERATIONS["streamNova3"].get(param.name) is None and param.refused is None
)
"""Options of the pre-recorded operation that the streaming one lacks (refused ones aside)."""

_REQUEST_ID = re.compile(r" \([0-9a-f-]{36}\)$")


def _without_request_id(body: dict[str, Any]) -> tuple[int, str]:
    error = body["errors"][0]
    return error["code"], _REQUEST_ID.sub("", error["message"])


def rest_answer(emu: EmulatorHandle, query: str, audio: bytes) -> tuple[int, dict[str, Any]]:
    response = httpx.post(
        f"{emu.model_url(NOVA)}?{query}",
        content=audio,
        headers={**emu.auth_headers, "content-type": "audio/wav"},
        timeout=120.0,
    )
    return response.status_code, response.json()


@pytest.mark.parametrize(
    "query",
    [
        "multichannel=yes",
        "multichannel=True",
        "multichannel=1",
        "punctuate=TRUE",
        "keywords=park",
        "keywords=park:2&keyterm=park",
    ],
)
async def test_the_websocket_refuses_what_rest_refuses_in_the_same_words(
    emulator: EmulatorHandle, weather_wav: bytes, query: str
) -> None:
    rest_status, rest_body = rest_answer(emulator, query, weather_wav)
    ws_status, ws_body = await refusal(emulator, NOVA, f"{RAW}&{query}", emulator.auth_headers)
    assert rest_status == ws_status == 400
    assert _without_request_id(ws_body) == _without_request_id(rest_body)
    assert ws_body["errors"][0]["code"] == 5006


async def test_keywords_get_deepgrams_answer_on_the_websocket(emulator: EmulatorHandle) -> None:
    status, body = await refusal(emulator, NOVA, f"{RAW}&keywords=park", emulator.auth_headers)
    assert status == 400
    assert (
        "Keywords are not supported for Nova-3. Please use keyterm instead."
        in (body["errors"][0]["message"])
    )


async def test_rest_only_options_on_the_websocket_are_reported_not_applied(
    emulator: EmulatorHandle,
) -> None:
    assert "sentiment" in REST_ONLY
    assert "utterances" in REST_ONLY
    sent = "&".join(f"{name}={_sample(name)}" for name in REST_ONLY)
    async with connect(emulator, NOVA, f"{RAW}&{sent}") as ws:
        await ws.send(bytes(3200))
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    metadata = messages[-1]
    assert metadata["type"] == "Metadata"
    assert sorted(metadata["options_not_applied"]) == REST_ONLY


async def test_a_rest_only_option_turned_off_is_not_reported(emulator: EmulatorHandle) -> None:
    async with connect(emulator, NOVA, f"{RAW}&sentiment=false&utterances=true") as ws:
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert messages[-1]["options_not_applied"] == ["utterances"]


def _sample(name: str) -> str:
    """A value the REST operation accepts for ``name``, from the contract."""
    param = OPERATIONS["runNova3"].get(name)
    assert param is not None
    if param.example is not None:
        return _text(param.example)
    if param.enum:
        return _text(param.enum[0])
    if param.has_default:
        return _text(param.default)
    kind = param.scalar_kind
    if kind == "boolean":
        return "true"
    if kind in ("integer", "number"):
        return _text(param.minimum if param.minimum is not None else 1)
    return "x"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return _text(value[0])
    return str(value)
