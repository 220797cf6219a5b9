"""`cfasr gateway`'s own refusals, before it listens (serving is tested in tests/cfasr_openai)."""

from __future__ import annotations

import pytest

from tests.cfasr_cli.conftest import Cfasr, assert_one_line_error


@pytest.mark.parametrize(
    ("argv", "contains"),
    [
        (("--port", "70000"), "--port must be between 0 and 65535"),
        (("--max-body-mb", "0"), "--max-body-mb must be positive"),
        (("--requests-per-minute", "-1"), "--requests-per-minute must be positive"),
        (("--max-retries", "-1"), "--max-retries must not be negative"),
        (("--api-key", ""), "--api-key is empty"),
    ],
)
def test_gateway_rejects_bad_settings(
    cfasr_offline: Cfasr, argv: tuple[str, ...], contains: str
) -> None:
    result = cfasr_offline("gateway", *argv)
    assert_one_line_error(result, code=2, contains=contains)


def test_gateway_without_credentials_says_which_variable(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("gateway", "--port", "0", env={"CLOUDFLARE_API_TOKEN": ""})
    assert_one_line_error(result, code=2, contains="CLOUDFLARE_API_TOKEN")
