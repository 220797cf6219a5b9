"""A model id with percent-encoded slashes is routed like the literal one.

The official `cloudflare` SDK quotes the model name in the path (`@cf%2Fopenai%2Fwhisper`) and
works against Cloudflare, so the emulator must accept that spelling too (the benchmarks drive
the official SDK against it).
"""

from __future__ import annotations

import httpx

from cfasr_emulator.testing import EmulatorHandle


def test_an_encoded_model_id_reaches_the_model(
    emulator: EmulatorHandle, weather_wav: bytes
) -> None:
    url = f"{emulator.base_url}/accounts/{emulator.account_id}/ai/run/%40cf%2Fopenai%2Fwhisper"
    response = httpx.post(url, headers=emulator.auth_headers, content=weather_wav, timeout=120)
    assert response.status_code == 200, response.text
    assert "weather" in response.json()["result"]["text"].lower()
