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
        ("cache_ttl", 10, "cf-aig-cache-ttl=10 is out of range; use a whole number from 60"),
        ("cache_ttl", 2_592_001, "out of range"),
        ("max_attempts", 6, "out of range"),
        ("retry_delay_ms", 6000, "out of range"),
        ("backoff", "random", "must be one of 'constant', 'linear', 'exponential'"),
    ],
)
def test_out_of_range_gateway_options_are_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(cf.OptionError, match=message):
        cf.GatewayOptions(**{field: value})  # type: ignore[arg-type]


def test_a_long_request_timeout_is_sent_as_given() -> None:
    # Cloudflare states no upper bound: the old 24 h limit was invented.
    options = cf.GatewayOptions(request_timeout_ms=3 * 24 * 3600 * 1000)
    assert options.to_headers() == {"cf-aig-request-timeout": "259200000"}
