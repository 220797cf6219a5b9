"""`--ai-gateway ID` routes through Cloudflare's AI Gateway; `--gateway` is its deprecated,
hidden spelling for one release (`cfasr gateway`, the OpenAI-compatible server, is another
thing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cfasr_cli.conftest import TOKEN, WEATHER_WAV, Cfasr
from tests.support.fake_http import ScriptedServer, scripted_server

ACCOUNT = "0123456789abcdef0123456789abcdef"
DEPRECATION = "cfasr: warning: --gateway is deprecated"


@pytest.fixture
def aig() -> Iterator[ScriptedServer]:
    with scripted_server() as server:
        yield server


@pytest.fixture(params=["runner", "subprocess"])
def cfasr_via_aig(request: pytest.FixtureRequest, aig: ScriptedServer) -> Cfasr:
    return Cfasr(
        request.param,
        {
            "CLOUDFLARE_API_TOKEN": TOKEN,
            "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
            "CLOUDFLARE_AI_GATEWAY_BASE_URL": aig.base_url,
        },
    )


def test_ai_gateway_routes_the_request_through_the_gateway(
    cfasr_via_aig: Cfasr, aig: ScriptedServer
) -> None:
    result = cfasr_via_aig(
        "-q", "--ai-gateway", "gw-one", "transcribe", "-m", "whisper", WEATHER_WAV
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "ok"
    (sent,) = aig.requests
    assert sent.path.endswith(f"/{ACCOUNT}/gw-one/workers-ai/@cf/openai/whisper")
    assert DEPRECATION not in result.stderr


def test_the_old_gateway_spelling_still_works_and_warns_once(
    cfasr_via_aig: Cfasr, aig: ScriptedServer
) -> None:
    result = cfasr_via_aig("-q", "--gateway", "gw-two", "transcribe", "-m", "whisper", WEATHER_WAV)
    assert result.exit_code == 0, result.stderr
    (sent,) = aig.requests
    assert "/gw-two/workers-ai/" in sent.path
    warnings = [line for line in result.stderr.splitlines() if line.startswith(DEPRECATION)]
    assert len(warnings) == 1
    assert "--ai-gateway" in warnings[0]


def test_help_shows_ai_gateway_and_hides_the_old_spelling(cfasr_via_aig: Cfasr) -> None:
    shown = cfasr_via_aig("--help").stdout
    assert "--ai-gateway" in shown
    assert "--gateway " not in shown
