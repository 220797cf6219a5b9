"""Typed AI Gateway options travel as `cf-aig-*` headers, sync and async, and are validated."""

from __future__ import annotations

import json

import pytest

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import ACCOUNT, Runner
from tests.cfasr_ext.client.test_security_and_config import WAV


def test_gateway_options_become_cf_aig_headers(run: Runner) -> None:
    options = cf.GatewayOptions(
        skip_cache=True,
        cache_ttl=3600,
        collect_log=False,
        request_timeout_ms=30_000,
        max_attempts=3,
        retry_delay_ms=500,
        backoff="exponential",
        metadata={"team": "asr", "batch": 7},
        event_id="evt-1",
    )
    run(
        lambda c: c.whisper.transcribe(WAV),
        gateway_id="gw1",
        gateway_base_url=run.server.base_url,
        gateway_options=options,
    )
    (request,) = run.server.requests
    assert request.path == f"/client/v4/{ACCOUNT}/gw1/workers-ai/@cf/openai/whisper"
    headers = request.headers
    assert headers["cf-aig-skip-cache"] == "true"
    assert headers["cf-aig-cache-ttl"] == "3600"
    assert headers["cf-aig-collect-log"] == "false"
    assert headers["cf-aig-request-timeout"] == "30000"
    assert headers["cf-aig-max-attempts"] == "3"
    assert headers["cf-aig-retry-delay"] == "500"
    assert headers["cf-aig-backoff"] == "exponential"
    assert json.loads(headers["cf-aig-metadata"]) == {"team": "asr", "batch": 7}
    assert headers["cf-aig-event-id"] == "evt-1"
    assert "cf-aig-cache-key" not in headers


def test_unset_gateway_options_send_no_headers() -> None:
    assert cf.GatewayOptions().to_headers() == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cache_ttl", 10, "cache_ttl must be between 60"),
        ("max_attempts", 6, "max_attempts must be between 1 and 5"),
        ("retry_delay_ms", 6000, "retry_delay_ms must be between 0 and 5000"),
        ("backoff", "random", "backoff must be"),
    ],
)
def test_out_of_range_gateway_options_are_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(cf.OptionError, match=message):
        cf.GatewayOptions(**{field: value})  # type: ignore[arg-type]
