"""One emulator for the CLI tests (models load once), and two ways to run `cfasr`:
typer's CliRunner in this process, and the installed console script as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
import pytest
from typer.testing import CliRunner

from cfasr_cli.app import app
from cfasr_emulator.engine import SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator

DATA = Path(__file__).resolve().parents[2] / "cfasr_emulator" / "data"
WEATHER_WAV = DATA / "weather_park.wav"
TWO_SENTENCES_WAV = DATA / "two_sentences_pause.wav"
WEATHER_TEXT = "The weather is nice today, so we will meet in the park."
TOKEN = "cli-test-token-4f8a"


@attrs.frozen
class Result:
    exit_code: int
    stdout: str
    stderr: str


@attrs.frozen
class Cfasr:
    """Runs `cfasr ARGS` with `env` replacing every CLOUDFLARE_* variable."""

    how: str
    env: Mapping[str, str]

    def __call__(
        self, *args: str | Path, input: bytes | None = None, env: Mapping[str, str] | None = None
    ) -> Result:
        argv = [str(a) for a in args]
        extra = dict(self.env if env is None else env)
        if self.how == "runner":
            unset: dict[str, str | None] = {
                k: None for k in os.environ if k.startswith("CLOUDFLARE_")
            }
            result = CliRunner().invoke(app, argv, input=input, env={**unset, **extra})
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise result.exception
            return Result(result.exit_code, result.stdout, result.stderr)
        base = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
        done = subprocess.run(
            [*cfasr_command(), *argv],
            input=input if input is not None else b"",
            capture_output=True,
            env={**base, **extra},
            timeout=240,
            check=False,
        )
        return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def cfasr_command() -> list[str]:
    """The installed console script beside this interpreter, else `python -m cfasr_cli`."""
    script = Path(sys.executable).with_name("cfasr")
    if script.exists():
        return [str(script)]
    found = shutil.which("cfasr")
    return [found] if found else [sys.executable, "-m", "cfasr_cli"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that talks to `cli_emulator` needs the real engine: out of `make test-fast`."""
    for item in items:
        if "cli_emulator" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.engine)


@pytest.fixture(scope="session")
def cli_emulator() -> Iterator[EmulatorHandle]:
    """A real emulator on 127.0.0.1 that accepts only `TOKEN`; models warmed up once."""
    with run_emulator(engine=SpeechEngine(max_queue=8), token=TOKEN, engine_queue=8) as handle:
        import httpx

        httpx.post(
            handle.model_url("@cf/openai/whisper"),
            headers=handle.auth_headers,
            content=WEATHER_WAV.read_bytes(),
            timeout=240,
        ).raise_for_status()
        yield handle


def emulator_env(emu: EmulatorHandle) -> dict[str, str]:
    return {
        "CLOUDFLARE_API_TOKEN": emu.token,
        "CLOUDFLARE_ACCOUNT_ID": emu.account_id,
        "CLOUDFLARE_BASE_URL": emu.base_url,
    }


@pytest.fixture(params=["runner", "subprocess"])
def cfasr(request: pytest.FixtureRequest, cli_emulator: EmulatorHandle) -> Cfasr:
    """`cfasr` pointed at the emulator, once through CliRunner and once as a subprocess."""
    return Cfasr(request.param, emulator_env(cli_emulator))


@pytest.fixture(params=["runner", "subprocess"])
def cfasr_offline(request: pytest.FixtureRequest) -> Cfasr:
    """`cfasr` with credentials but no server (for errors caught before any request)."""
    return Cfasr(
        request.param,
        {
            "CLOUDFLARE_API_TOKEN": TOKEN,
            "CLOUDFLARE_ACCOUNT_ID": "0123456789abcdef0123456789abcdef",
            "CLOUDFLARE_BASE_URL": "http://127.0.0.1:9/client/v4",
        },
    )


def assert_one_line_error(result: Result, *, code: int, contains: str) -> None:
    """Non-zero exit, one `cfasr: error:` line naming the problem, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cfasr: error: "), lines[0]
    assert contains in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout
