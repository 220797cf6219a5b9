"""Schemathesis against the running emulator: every operation of openapi.yaml, valid and invalid.

Property-based requests generated from the spec must never get a server error, every
response must match the spec (status, content type, headers, body), invalid requests must be
refused, and every refusal must be Cloudflare's error envelope. The emulator skips recognition
here: the contract is about shapes, not transcripts. ``make fuzz`` runs the heavy profile.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks as openapi_checks

from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import TOKEN, suite_emulator
from tests.support.spec import POST_OPERATIONS, SPEC_PATH, STREAM_OPERATIONS
from tests.support.summary import FIGURES

DEFAULT_EXAMPLES = 25
FUZZ_EXAMPLES = 400

SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)


def error_envelope(ctx: Any, response: schemathesis.Response, case: schemathesis.Case[Any]) -> None:
    """Every refusal, documented status or not, is `{"success": false, "errors": [...]}`."""
    del ctx, case
    if response.status_code < 400:
        return
    body = json.loads(response.content)
    assert body["success"] is False, body
    assert body["errors"], body
    for error in body["errors"]:
        assert isinstance(error["message"], str), body
        assert error["message"], body


# ignored_auth and positive_data_acceptance are left out on purpose: Cloudflare (and so the
# emulator) answers a malformed Authorization header with 400 / 6003, not 401, and schema-valid
# `format: binary` bytes are almost never decodable audio, so "valid" bodies get 400 / 5006.
CHECKS = [
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
    openapi_checks.missing_required_header,
    error_envelope,
]


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(faults_enabled=False) as handle:
        yield handle


def run_contract(
    emu: EmulatorHandle, operation_id: str, mode: GenerationMode, examples: int
) -> int:
    """Generate and send up to ``examples`` cases; returns how many were sent."""
    operation = SCHEMA.find_operation_by_id(operation_id)
    strategy = operation.as_strategy(
        generation_mode=mode, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    sent = 0

    @given(case=strategy)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=examples <= DEFAULT_EXAMPLES,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case[Any]) -> None:
        nonlocal sent
        response = case.call(base_url=emu.base_url, timeout=30)
        sent += 1
        case.validate_response(response, checks=CHECKS)

    check()
    FIGURES.contract_case(sent)
    FIGURES.covered(operation_id)
    return sent


OPERATIONS = [*POST_OPERATIONS, *STREAM_OPERATIONS]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_emulator_keeps_the_contract(
    emulator: EmulatorHandle, operation_id: str, mode: GenerationMode
) -> None:
    assert run_contract(emulator, operation_id, mode, DEFAULT_EXAMPLES) > 0


@pytest.mark.fuzz
@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_emulator_keeps_the_contract_under_heavy_fuzzing(
    emulator: EmulatorHandle, operation_id: str, mode: GenerationMode
) -> None:
    assert run_contract(emulator, operation_id, mode, FUZZ_EXAMPLES) > 0
