"""Secrets stay out of reprs, logs and errors; settings are validated before any request."""

from __future__ import annotations

import logging

import pytest

import cfasr_ext as cf
from cfasr_ext._logging import setup_from_env
from tests.cfasr_ext.client.conftest import ACCOUNT, TOKEN, Runner
from tests.support.fake_http import Scripted

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


def test_token_is_absent_from_reprs(run: Runner) -> None:
    shown = run(lambda c: repr(c) + repr(c.settings) + str(c.settings))
    assert TOKEN not in shown
    assert "***" in shown


def test_token_is_absent_from_logs_at_debug(run: Runner, caplog: pytest.LogCaptureFixture) -> None:
    setup_from_env({"CFASR_LOG": "debug"})
    run.server.script = [Scripted(status=500, body={"errors": [{"message": f"echo {TOKEN}"}]})]
    with caplog.at_level(logging.DEBUG, logger="cfasr"):
        run(lambda c: c.whisper.transcribe(WAV))
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST" in text
    assert "-> 200" in text
    assert TOKEN not in text


def test_token_is_absent_from_exceptions(run: Runner) -> None:
    run.server.default = Scripted(status=401, body={"errors": [{"code": 10000, "message": "no"}]})
    with pytest.raises(cf.AuthenticationError) as caught:
        run(lambda c: c.whisper.transcribe(WAV))
    assert TOKEN not in str(caught.value) + repr(caught.value)


@pytest.mark.parametrize("host", ["example.com", "10.0.0.1", "192.168.1.5"])
def test_plain_http_to_a_remote_host_is_refused(host: str) -> None:
    with pytest.raises(cf.ConfigurationError, match="plain http"):
        cf.Client(api_token=TOKEN, account_id=ACCOUNT, base_url=f"http://{host}/client/v4")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "[::1]", "localhost"])
def test_plain_http_to_loopback_is_allowed(host: str) -> None:
    cf.Client(api_token=TOKEN, account_id=ACCOUNT, base_url=f"http://{host}:8787/x").close()


def test_plain_http_to_a_remote_host_with_explicit_opt_in() -> None:
    client = cf.Client(
        api_token=TOKEN, account_id=ACCOUNT, base_url="http://example.com", allow_insecure_http=True
    )
    client.close()


def test_missing_token_names_the_argument_and_variable() -> None:
    with pytest.raises(cf.ConfigurationError, match=r"api_token=.*CLOUDFLARE_API_TOKEN"):
        cf.resolve_settings(account_id=ACCOUNT, environ={})


def test_missing_account_names_the_argument_and_variable() -> None:
    with pytest.raises(cf.ConfigurationError, match=r"account_id=.*CLOUDFLARE_ACCOUNT_ID"):
        cf.resolve_settings(api_token=TOKEN, environ={})


def test_account_id_must_be_32_hex_characters() -> None:
    with pytest.raises(cf.ConfigurationError, match="32 hexadecimal"):
        cf.resolve_settings(api_token=TOKEN, account_id="not-an-account", environ={})


def test_settings_come_from_the_environment() -> None:
    settings = cf.resolve_settings(
        environ={
            "CLOUDFLARE_API_KEY": "key1234",
            "CLOUDFLARE_EMAIL": "me@example.com",
            "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
            "CLOUDFLARE_AI_GATEWAY_ID": "my-gw",
            "CLOUDFLARE_AI_GATEWAY_TOKEN": "gwtoken1",
        }
    )
    assert settings.auth_headers() == {
        "X-Auth-Email": "me@example.com",
        "X-Auth-Key": "key1234",
        "cf-aig-authorization": "Bearer gwtoken1",
    }
    assert settings.model_url("@cf/openai/whisper") == (
        f"https://gateway.ai.cloudflare.com/v1/{ACCOUNT}/my-gw/workers-ai/@cf/openai/whisper"
    )
    assert settings.websocket_url("@cf/deepgram/flux", [("encoding", "linear16")]) == (
        f"wss://gateway.ai.cloudflare.com/v1/{ACCOUNT}/my-gw/workers-ai"
        "?model=@cf/deepgram/flux&encoding=linear16"
    )


def test_gateway_requests_go_to_the_gateway_path(run: Runner) -> None:
    run(
        lambda c: c.whisper.transcribe(WAV),
        gateway_id="gw1",
        gateway_token="gwsecret",
        gateway_base_url=run.server.base_url,
    )
    (request,) = run.server.requests
    assert request.path == f"/client/v4/{ACCOUNT}/gw1/workers-ai/@cf/openai/whisper"
    assert request.headers["cf-aig-authorization"] == "Bearer gwsecret"


def test_extra_headers_cannot_override_credentials(run: Runner) -> None:
    with pytest.raises(cf.OptionError, match="credentials"):
        run(lambda c: c.whisper.transcribe(WAV, extra_headers={"Authorization": "Bearer x"}))
