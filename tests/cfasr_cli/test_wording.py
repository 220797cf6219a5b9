"""What the command line says and accepts (issue 31, item 8): a slow server is said to have
timed out, not to be unreachable; a request id is printed once; fixes are given as flags, not
as Python arguments; `-f text` and `-q`/`-v` after the command are accepted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfasr_emulator.testing import EmulatorHandle
from tests.cfasr_cli.conftest import (
    TOKEN,
    WEATHER_TEXT,
    WEATHER_WAV,
    Cfasr,
    assert_one_line_error,
    emulator_env,
)
from tests.support.fake_http import STALL, ScriptedServer, scripted_server

ACCOUNT = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def stalling() -> Iterator[ScriptedServer]:
    """A server that accepts the request, promises an answer and never finishes it."""
    with scripted_server() as server:
        server.hostile = STALL
        yield server


@pytest.fixture(params=["runner", "subprocess"])
def how(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _env(base_url: str) -> dict[str, str]:
    return {
        "CLOUDFLARE_API_TOKEN": TOKEN,
        "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
        "CLOUDFLARE_BASE_URL": base_url,
    }


def test_a_slow_server_timed_out_it_was_reached(how: str, stalling: ScriptedServer) -> None:
    cfasr = Cfasr(how, _env(stalling.base_url))
    result = cfasr("-q", "--timeout", "0.5", "transcribe", "-m", "whisper", WEATHER_WAV)
    assert_one_line_error(result, code=1, contains="timed out")
    assert "could not reach" not in result.stderr
    assert "--timeout" in result.stderr
    assert stalling.requests  # it was reached


def test_a_request_id_is_printed_once(cfasr: Cfasr, tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF" + b"\x00not audio" * 400)
    result = cfasr("-q", "transcribe", "-m", "whisper", bad)
    assert_one_line_error(result, code=1, contains="HTTP 400")
    ids = re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", result.stderr)
    assert len(ids) == 1, result.stderr


def test_plain_http_refusal_names_the_cli_flag(how: str) -> None:
    cfasr = Cfasr(how, _env("http://192.0.2.1:8787/client/v4"))
    result = cfasr("transcribe", WEATHER_WAV)
    assert_one_line_error(result, code=2, contains="--allow-insecure-http")
    assert "allow_insecure_http=" not in result.stderr


@pytest.mark.parametrize("spelling", [["--allow-insecure-http"], []])
def test_allow_insecure_http_flag_and_env_let_the_request_go(
    how: str, stalling: ScriptedServer, spelling: list[str]
) -> None:
    """Passes the check (then times out on the stalling server: proof it was sent)."""
    # The server is on loopback, which needs no permission; a non-loopback alias of it is
    # what the check refuses: 127.0.0.1 written as an IPv4-mapped IPv6 address is not
    # "loopback" to Python's ipaddress, so it stands in for a remote host here.
    port = stalling.base_url.split(":")[2].split("/")[0]
    remote = f"http://[::ffff:127.0.0.1]:{port}/client/v4"
    env = _env(remote)
    if not spelling:
        env["CFASR_ALLOW_INSECURE_HTTP"] = "1"
    cfasr = Cfasr(how, env)
    refused = Cfasr(how, _env(remote))("-q", "transcribe", "-m", "whisper", WEATHER_WAV)
    assert_one_line_error(refused, code=2, contains="--allow-insecure-http")
    result = cfasr(*spelling, "-q", "--timeout", "0.5", "transcribe", "-m", "whisper", WEATHER_WAV)
    assert_one_line_error(result, code=1, contains="timed out")


def test_format_text_is_txt(cfasr: Cfasr) -> None:
    result = cfasr("transcribe", "-f", "text", "-m", "whisper", WEATHER_WAV)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == WEATHER_TEXT + "\n"


def test_quiet_and_verbose_after_the_command(cfasr: Cfasr) -> None:
    quiet = cfasr("transcribe", "-m", "whisper", WEATHER_WAV, "-q")
    assert quiet.exit_code == 0, quiet.stderr
    assert quiet.stdout == WEATHER_TEXT + "\n"
    assert quiet.stderr == ""
    if cfasr.how == "subprocess":  # -v in-process would leave a log handler on CliRunner's stderr
        verbose = cfasr("transcribe", "--verbose", "-m", "whisper", "-q", WEATHER_WAV)
        assert verbose.exit_code == 0, verbose.stderr
        assert "POST " in verbose.stderr  # -v logs each request, even with -q


def test_global_options_still_work_before_the_command(cli_emulator: EmulatorHandle) -> None:
    env = emulator_env(cli_emulator)
    base_url = env.pop("CLOUDFLARE_BASE_URL")
    result = Cfasr("runner", env)("--base-url", base_url, "-q", "transcribe", WEATHER_WAV)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
