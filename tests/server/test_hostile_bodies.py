"""Bodies built to break a JSON parser are bad input (400/5006), never a 500."""

from __future__ import annotations

import pytest

from cfasr_ext.server.testing import EmulatorHandle
from tests.server.conftest import post
from tests.server.test_rest_errors import bad_input_complaint

DEEPLY_NESTED = b"[" * 2000 + b"]" * 2000


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("@cf/openai/whisper", ""),
        ("@cf/openai/whisper-large-v3-turbo", ""),
        ("@cf/deepgram/nova-3", "?queueRequest=true"),
    ],
)
def test_a_deeply_nested_json_body_is_bad_input(
    emulator: EmulatorHandle, model: str, query: str
) -> None:
    response = post(
        emulator,
        model + query,
        content=DEEPLY_NESTED,
        headers={"content-type": "application/json"},
    )
    assert "not valid JSON" in bad_input_complaint(response)
