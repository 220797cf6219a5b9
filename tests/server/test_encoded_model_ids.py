"""Cloudflare routes only literal slashes in a model id; a percent-encoded one names no model."""

from __future__ import annotations

import json

import httpx
import pytest
import websockets

from cfasr_ext.server.testing import EmulatorHandle
from tests.server.test_rest_errors import error_of


@pytest.mark.parametrize(
    "encoded", ["%40cf%2Fopenai%2Fwhisper", "@cf%2fopenai%2fwhisper", "@cf/openai%2Fwhisper"]
)
def test_a_percent_encoded_slash_in_the_model_id_is_an_invalid_model_id(
    emulator: EmulatorHandle, encoded: str
) -> None:
    url = emulator.model_url("") + encoded
    response = httpx.post(url, headers=emulator.auth_headers, content=b"RIFF", timeout=30)
    assert "Invalid model ID" in error_of(response, 404, 3042)


async def test_a_percent_encoded_slash_in_a_streaming_model_id_is_refused(
    emulator: EmulatorHandle,
) -> None:
    url = emulator.websocket_url("") + "@cf/deepgram%2Fnova-3?encoding=linear16&sample_rate=16000"
    with pytest.raises(websockets.InvalidStatus) as caught:
        async with websockets.connect(url, additional_headers=emulator.auth_headers):
            pass
    assert caught.value.response.status_code == 404
    assert json.loads(caught.value.response.body)["errors"][0]["code"] == 3042
