"""Authentication (lenient and strict) and account-id routing, as Cloudflare answers them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.support.spec import validate_exchange

WHISPER = "@cf/openai/whisper"
SECRET = "s3cret-token-value"


@pytest.fixture(scope="module")
def lenient() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as handle:
        yield handle


@pytest.fixture(scope="module")
def strict() -> Iterator[EmulatorHandle]:
    with run_emulator(
        engine_mode="skip", token=SECRET, api_key="k3y", email="me@example.com"
    ) as handle:
        yield handle


def call(emu: EmulatorHandle, headers: dict[str, str], weather_wav: bytes) -> httpx.Response:
    return httpx.post(emu.model_url(WHISPER), content=weather_wav, headers=headers, timeout=30)


def assert_auth_error(response: httpx.Response) -> None:
    assert response.status_code == 401
    body = response.json()
    assert body == {
        "errors": [{"code": 10000, "message": "Authentication error"}],
        "success": False,
        "result": None,
        "messages": [],
    }
    validate_exchange(response)


def test_no_credentials_is_an_authentication_error_even_when_lenient(
    lenient: EmulatorHandle, weather_wav: bytes
) -> None:
    assert_auth_error(call(lenient, {}, weather_wav))


@pytest.mark.parametrize(
    "value", ["Token abc", "Bearer", "Bearer two words", "abc", "Basic dXNlcjpwYXNz"]
)
def test_a_malformed_authorization_header_is_6003_with_6111(
    lenient: EmulatorHandle, weather_wav: bytes, value: str
) -> None:
    response = call(lenient, {"Authorization": value}, weather_wav)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": 6003,
            "message": "Invalid request headers",
            "error_chain": [{"code": 6111, "message": "Invalid format for Authorization header"}],
        }
    ]
    validate_exchange(response)


def test_lenient_mode_accepts_any_token(lenient: EmulatorHandle, weather_wav: bytes) -> None:
    response = call(lenient, {"Authorization": "Bearer anything-at-all"}, weather_wav)
    assert response.status_code == 200


def test_lenient_mode_accepts_any_key_and_email_pair(
    lenient: EmulatorHandle, weather_wav: bytes
) -> None:
    response = call(lenient, {"X-Auth-Key": "k", "X-Auth-Email": "a@b.c"}, weather_wav)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("headers", "chain_code"),
    [({"X-Auth-Key": "k"}, 6102), ({"X-Auth-Email": "a@b.c"}, 6103)],
)
def test_half_a_key_pair_is_an_invalid_header(
    lenient: EmulatorHandle, weather_wav: bytes, headers: dict[str, str], chain_code: int
) -> None:
    response = call(lenient, headers, weather_wav)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["code"] == 6003
    assert error["error_chain"][0]["code"] == chain_code


def test_strict_mode_accepts_its_token(strict: EmulatorHandle, weather_wav: bytes) -> None:
    assert call(strict, {"Authorization": f"Bearer {SECRET}"}, weather_wav).status_code == 200


def test_strict_mode_refuses_another_token(strict: EmulatorHandle, weather_wav: bytes) -> None:
    assert_auth_error(call(strict, {"Authorization": "Bearer not-the-token"}, weather_wav))


def test_strict_mode_accepts_its_key_pair_with_any_email_case(
    strict: EmulatorHandle, weather_wav: bytes
) -> None:
    headers = {"X-Auth-Key": "k3y", "X-Auth-Email": "Me@Example.com"}
    assert call(strict, headers, weather_wav).status_code == 200


def test_strict_mode_refuses_a_wrong_key(strict: EmulatorHandle, weather_wav: bytes) -> None:
    assert_auth_error(
        call(strict, {"X-Auth-Key": "nope", "X-Auth-Email": "me@example.com"}, weather_wav)
    )


def test_strict_mode_without_credentials_is_still_401(
    strict: EmulatorHandle, weather_wav: bytes
) -> None:
    assert_auth_error(call(strict, {}, weather_wav))


def test_the_token_never_appears_in_the_config_repr(strict: EmulatorHandle) -> None:
    assert SECRET not in repr(strict.context.config)
    assert "k3y" not in repr(strict.context.config)


@pytest.mark.parametrize("account_id", ["abc", "0123456789abcdef0123456789abcdeg", "1" * 33])
def test_an_account_id_that_is_not_32_hex_digits_cannot_be_routed(
    lenient: EmulatorHandle, weather_wav: bytes, account_id: str
) -> None:
    url = f"{lenient.base_url}/accounts/{account_id}/ai/run/{WHISPER}"
    response = httpx.post(url, content=weather_wav, headers=lenient.auth_headers)
    assert response.status_code == 400
    errors = response.json()["errors"]
    path = f"/client/v4/accounts/{account_id}/ai/run/{WHISPER}"
    assert errors[0] == {
        "code": 7003,
        "message": f"Could not route to {path}, perhaps your object identifier is invalid?",
    }
    assert errors[1]["code"] == 7000
    assert response.json()["result"] is None


def test_any_32_hex_account_id_is_accepted(lenient: EmulatorHandle, weather_wav: bytes) -> None:
    url = f"{lenient.base_url}/accounts/{'F' * 32}/ai/run/{WHISPER}"
    response = httpx.post(url, content=weather_wav, headers=lenient.auth_headers)
    assert response.status_code == 200
