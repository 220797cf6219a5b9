"""Bodies built to break a JSON parser are bad input (400/5006), never a 500."""

from __future__ import annotations

import pytest

from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_emulator.conftest import post
from tests.cfasr_emulator.test_rest_errors import bad_input_complaint


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("@cf/openai/whisper", ""),
        ("@cf/openai/whisper-large-v3-turbo", ""),
        ("@cf/deepgram/nova-3", "?queueRequest=true"),
    ],
)
# 200 levels parse on every Python; 2000 exhaust 3.11's recursion but parse on 3.13. Both
# are refused by the emulator's own limit, with the same words everywhere.
@pytest.mark.parametrize("depth", [200, 2000])
def test_a_deeply_nested_json_body_is_bad_input(
    emulator: EmulatorHandle, model: str, query: str, depth: int
) -> None:
    response = post(
        emulator,
        model + query,
        content=nested(depth),
        headers={"content-type": "application/json"},
    )
    complaint = bad_input_complaint(response)
    assert "not valid JSON (nested deeper than 64 levels)" in complaint


def test_nesting_at_the_limit_is_judged_on_its_content(emulator: EmulatorHandle) -> None:
    body = b'{"audio": ' + nested(63) + b"}"
    response = post(
        emulator,
        "@cf/openai/whisper",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert "not valid JSON" not in bad_input_complaint(response)


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_json_number_constants_are_bad_input(emulator: EmulatorHandle, constant: bytes) -> None:
    body = b'{"audio": "UklGRg==", "no_speech_threshold": ' + constant + b"}"
    response = post(
        emulator,
        "@cf/openai/whisper-large-v3-turbo",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert "not valid JSON" in bad_input_complaint(response)


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf"])
def test_a_non_finite_utt_split_is_bad_input(emulator: EmulatorHandle, value: str) -> None:
    response = post(emulator, f"@cf/deepgram/nova-3?utt_split={value}", content=b"RIFF")
    assert "'/utt_split'" in bad_input_complaint(response)


def test_an_integer_too_large_for_a_float_is_bad_input(emulator: EmulatorHandle) -> None:
    body = b'{"audio": "UklGRg==", "beam_size": ' + b"9" * 400 + b"}"
    response = post(
        emulator,
        "@cf/openai/whisper-large-v3-turbo",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert "'/beam_size'" in bad_input_complaint(response)
