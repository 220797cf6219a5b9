"""`--param KEY=VALUE`: options newer than openapi.yaml, sent unchecked as query parameters.

The scripted servers record exactly what arrived; the emulator shows the value was not
checked on the way (a value the typed flag refuses locally is refused by the server instead).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from tests.cfasr_cli.conftest import WEATHER_WAV, Cfasr, assert_one_line_error
from tests.cfasr_ext.streaming.conftest import fake_deepgram_in_thread
from tests.cfasr_ext.streaming.fake_deepgram import ACCOUNT, TOKEN, Script
from tests.support.fake_http import ScriptedServer, scripted_server


def _query(path: str) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server() as state:
        state.envelope({"text": "ok", "results": {"channels": []}})
        yield state


@pytest.mark.parametrize("how", ["runner", "subprocess"])
def test_transcribe_sends_each_param_as_given_replacing_a_flag_of_the_same_name(
    server: ScriptedServer, how: str
) -> None:
    env = {
        "CLOUDFLARE_API_TOKEN": TOKEN,
        "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
        "CLOUDFLARE_BASE_URL": server.base_url,
    }
    cfasr = Cfasr(how, env)
    result = cfasr(
        "-q",
        "transcribe",
        "-m",
        "nova-3",
        "--punctuate",
        "--param",
        "brand_new=1",
        "--param",
        "punctuate=false",
        "--param",
        "brand_new=two words",
        "--param",
        "empty=",
        WEATHER_WAV,
    )
    assert result.exit_code == 0, result.stderr
    (request,) = server.requests
    assert _query(request.path) == [
        ("brand_new", "1"),
        ("brand_new", "two words"),
        ("punctuate", "false"),
        ("empty", ""),
    ]


def test_stream_sends_each_param_on_the_upgrade() -> None:
    script = Script()
    with fake_deepgram_in_thread(script) as settings:
        env = {
            "CLOUDFLARE_API_TOKEN": TOKEN,
            "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
            "CLOUDFLARE_BASE_URL": settings.base_url,
        }
        result = Cfasr("runner", env)(
            "-q",
            "stream",
            "--param",
            "brand_new=yes",
            "--param",
            "interim_results=false",
            WEATHER_WAV,
        )
    assert result.exit_code == 0, result.stderr
    pairs = _query(script.requests[0].path)
    assert ("brand_new", "yes") in pairs
    assert [v for k, v in pairs if k == "interim_results"] == ["false"]


def test_params_are_not_checked_the_server_is_the_one_to_refuse(cfasr: Cfasr) -> None:
    # `mode` is an enum of Deepgram's reference: the typed flag is checked here...
    refused_here = cfasr("transcribe", "-m", "nova-3", "--mode", "cooking", WEATHER_WAV)
    assert_one_line_error(refused_here, code=2, contains="mode")
    # ...the same value as a --param is not: the server is the one to refuse it.
    refused_there = cfasr("transcribe", "-m", "nova-3", "--param", "mode=cooking", WEATHER_WAV)
    assert refused_there.exit_code == 1, refused_there.stderr
    assert "HTTP 400" in refused_there.stderr
    assert "mode" in refused_there.stderr


def test_stream_params_are_not_checked_either(cfasr: Cfasr) -> None:
    refused_here = cfasr("stream", "-m", "flux", "--eot-threshold", "3", WEATHER_WAV)
    assert_one_line_error(refused_here, code=2, contains="eot_threshold")
    refused_there = cfasr("stream", "-m", "flux", "--param", "eot_threshold=3", WEATHER_WAV)
    assert_one_line_error(refused_there, code=1, contains="HTTP 400")
    assert "eot_threshold" in refused_there.stderr


def test_a_param_without_a_value_is_refused_before_sending(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("transcribe", "--param", "no-equals-sign", WEATHER_WAV)
    assert_one_line_error(result, code=2, contains="--param needs KEY=VALUE")


@pytest.mark.parametrize("command", ["transcribe", "stream"])
def test_help_says_params_are_unchecked(cfasr_offline: Cfasr, command: str) -> None:
    result = cfasr_offline(command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--param" in result.stdout
    assert "UNCHECKED" in result.stdout
