"""Issue 29 item 14: a JSON body of millions of keys is refused before it is parsed.

A 38 MB turbo body of 3 million keys held the emulator for 4.7 s: ``json.loads`` holds the
GIL for the whole body, worker thread or not. Past ``max_json_members`` (openapi.yaml's
``x-cfasr-emulator-limits``) the body gets Cloudflare's 400 envelope without being parsed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from cfasr_emulator.json_depth import MAX_JSON_MEMBERS
from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import suite_emulator

LIMIT = MAX_JSON_MEMBERS  # openapi.yaml's max_json_members, through the contract


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator() as handle:
        yield handle


def _post(emulator: EmulatorHandle, model: str, body: bytes) -> httpx.Response:
    return httpx.post(
        emulator.model_url(model),
        content=body,
        headers={**emulator.auth_headers, "Content-Type": "application/json"},
        timeout=60,
    )


@pytest.mark.parametrize("model", ["@cf/openai/whisper-large-v3-turbo", "@cf/openai/whisper"])
def test_a_body_of_too_many_members_gets_400_before_parsing(
    emulator: EmulatorHandle, model: str
) -> None:
    keys = ",".join(f'"k{i}":0' for i in range(LIMIT + 1))
    response = _post(emulator, model, ("{" + keys + ',"audio":"AAAA"}').encode())
    assert response.status_code == 400
    doc = response.json()
    assert doc["success"] is False
    assert doc["errors"][0]["code"] == 5006
    assert "max_json_members" in doc["errors"][0]["message"]


def test_colons_inside_strings_are_not_members(emulator: EmulatorHandle) -> None:
    body = {"audio": "AAAA", "prompt": ":" * (LIMIT + 10)}
    response = _post(emulator, "@cf/openai/whisper-large-v3-turbo", json.dumps(body).encode())
    assert "max_json_members" not in response.text
