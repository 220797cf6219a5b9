"""The wheel installs into an empty virtual environment and works there.

Dependencies come from the package index (pip's cache makes later runs fast); nothing is
borrowed from the project's own environment.
"""

from __future__ import annotations

import email.parser
import os
import socket
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from packaging.utils import canonicalize_name

from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID
from tests.packaging.conftest import ROOT
from tests.packaging.pins import DEV_TOOLS, installed_extras, make_recipe
from tests.support.sdk_surface import NOT_FOR_THE_SDK

SAMPLE = ROOT / "cfasr_emulator" / "data" / "weather_park.wav"
SAMPLE_TEXT = "The weather is nice today, so we will meet in the park."

# Building the venvs took 100 s with both CPUs busy elsewhere; this guards against a hang.
pytestmark = pytest.mark.timeout(900)


def _version_of(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(archive.read(name).decode())["Version"]


def run(
    bin_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a program of the venv from outside the checkout, without CLOUDFLARE_* settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CLOUDFLARE_", "VIRTUAL_"))}
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**clean, **(env or {})},
        cwd=bin_dir.parent,  # never the checkout, so the installed copy is what is imported
    )


@pytest.fixture(scope="session")
def cli_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.packaging.conftest import make_venv

    return make_venv(tmp_path_factory.mktemp("venv-cli"), f"{wheel}[cli]")


def test_the_installed_package_imports_from_the_venv(cli_venv: Path) -> None:
    result = run(
        cli_venv,
        "python",
        "-c",
        "import cfasr_ext, cfasr_client, cfasr_client.models, sys; "
        "print(cfasr_ext.__file__); print(cfasr_ext.__version__); "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(NOT_FOR_THE_SDK)!r}))",
    )
    assert result.returncode == 0, result.stderr
    location, version, heavy = result.stdout.splitlines()
    assert location.startswith(str(cli_venv.parent))
    assert heavy == "[]"
    assert version


def test_cfasr_help_and_version(cli_venv: Path, wheel: Path) -> None:
    helped = run(cli_venv, "cfasr", "--help")
    assert helped.returncode == 0, helped.stderr
    for command in ("transcribe", "stream", "serve", "gateway", "models"):
        assert command in helped.stdout
    # The servers' flags come from their config classes, readable without the server extra
    # for the gateway; the emulator's need it, and `cfasr serve` says so (test below).
    gateway_help = run(cli_venv, "cfasr", "gateway", "--help")
    assert gateway_help.returncode == 0, gateway_help.stderr
    assert "--requests-per-minute" in gateway_help.stdout
    versioned = run(cli_venv, "cfasr", "--version")
    assert versioned.stdout.strip() == f"cfasr {_version_of(wheel)}"


def test_without_the_server_extra_serve_says_what_to_install(cli_venv: Path) -> None:
    result = run(cli_venv, "cfasr", "serve", "--port", "0")
    assert result.returncode == 2
    assert "pip install 'cfasr[server]'" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.packaging.conftest import make_venv

    return make_venv(tmp_path_factory.mktemp("venv-server"), f"{wheel}[server,cli]")


def _wait_until_answering(process: subprocess.Popen[str], url: str) -> None:
    for _ in range(1200):
        if process.poll() is not None:
            pytest.fail(f"the server exited: {process.stderr and process.stderr.read()}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail(f"nothing answered at {url}")


@pytest.fixture
def installed_emulator(server_venv: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [str(server_venv / "cfasr"), "serve", "--port", str(port)],
        cwd=server_venv.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}/client/v4"
    try:
        _wait_until_answering(process, base_url)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.mark.slow(cpu_s=30)  # a fresh venv with the server extra
def test_the_installed_gateway_answers_openai_calls_through_the_installed_emulator(
    server_venv: Path, installed_emulator: str
) -> None:
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CLOUDFLARE_", "CFASR_"))}
    process = subprocess.Popen(
        [str(server_venv / "cfasr"), "--quiet", "gateway", "--port", str(port)],
        cwd=server_venv.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **clean,
            "CLOUDFLARE_API_TOKEN": "any-token",
            "CLOUDFLARE_ACCOUNT_ID": DEFAULT_ACCOUNT_ID,
            "CLOUDFLARE_BASE_URL": installed_emulator,
        },
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_until_answering(process, f"{base_url}/models")
        listed = httpx.get(f"{base_url}/models", timeout=30)
        assert listed.status_code == 200, listed.text
        assert listed.json()["data"]
        answer = httpx.post(
            f"{base_url}/audio/transcriptions",
            files={"file": ("weather.wav", SAMPLE.read_bytes(), "audio/wav")},
            data={"model": "whisper-tiny-en"},
            timeout=240,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["text"].strip() == SAMPLE_TEXT
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.mark.slow(cpu_s=30)  # a fresh venv with the server extra
def test_the_installed_cli_transcribes_the_bundled_sample_on_the_installed_emulator(
    server_venv: Path, installed_emulator: str
) -> None:
    sample = run(
        server_venv,
        "python",
        "-c",
        "from cfasr_emulator.engine import WEATHER; print(WEATHER.path)",
    ).stdout.strip()
    assert sample.startswith(str(server_venv.parent))
    result = run(
        server_venv,
        "cfasr",
        "--quiet",
        "--base-url",
        installed_emulator,
        "transcribe",
        "--model",
        "whisper-tiny-en",
        sample,
        env={"CLOUDFLARE_API_TOKEN": "any-token", "CLOUDFLARE_ACCOUNT_ID": DEFAULT_ACCOUNT_ID},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The weather is nice today, so we will meet in the park."


USER_SUITE = """
import cfasr_ext
from cfasr_emulator.engine import WEATHER


def test_not_using_the_emulator():
    assert cfasr_ext.__version__


def test_transcribes_on_the_fixture(cfasr_emulator):
    client = cfasr_ext.Client(
        api_token=cfasr_emulator.token,
        account_id=cfasr_emulator.account_id,
        base_url=cfasr_emulator.base_url,
    )
    with client:
        assert client.whisper_tiny_en.transcribe(WEATHER.path).text.strip() == WEATHER.text
"""


OPT_IN = 'pytest_plugins = ["cfasr_emulator.pytest_plugin"]\n'
"""The one line of a user's conftest.py that turns the emulator's fixture on."""


def _user_suite(
    venv: Path, tmp_path: Path, source: str, *, opt_in: bool = True
) -> subprocess.CompletedProcess[str]:
    """A user's own pytest run in the venv: pytest comes from the index like any user's."""
    install = run(venv, "python", "-m", "pip", "install", "--quiet", "pytest")
    assert install.returncode == 0, install.stderr
    (tmp_path / "test_user.py").write_text(source)
    if opt_in:
        (tmp_path / "conftest.py").write_text(OPT_IN)
    return run(venv, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path))


@pytest.mark.slow
def test_a_users_pytest_suite_gets_the_emulator_fixture(server_venv: Path, tmp_path: Path) -> None:
    result = _user_suite(server_venv, tmp_path, USER_SUITE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


@pytest.mark.slow
def test_installing_the_server_extra_changes_no_pytest_run_until_it_is_opted_in(
    server_venv: Path, tmp_path: Path
) -> None:
    result = _user_suite(server_venv, tmp_path, USER_SUITE, opt_in=False)
    assert "1 passed" in result.stdout, result.stdout + result.stderr
    assert "fixture 'cfasr_emulator' not found" in result.stdout


def test_without_the_server_extra_the_plugin_loads_and_the_fixture_names_the_extra(
    cli_venv: Path, tmp_path: Path
) -> None:
    suite = USER_SUITE.replace("from cfasr_emulator.engine import WEATHER\n", "").replace(
        "WEATHER.path", "'missing.wav'"
    )
    result = _user_suite(cli_venv, tmp_path, suite)
    assert "1 passed" in result.stdout, result.stdout + result.stderr
    assert "1 error" in result.stdout
    assert "pip install 'cfasr[server]'" in result.stdout


DEMO_EXTRAS = "server,cli"
"""What server_venv installs from the wheel, and what `make demo` installs into .venv-demo."""


@pytest.mark.slow(cpu_s=20)  # the demo: an emulator process, three models, two streams
def test_the_demo_runs_with_only_its_extras_installed_and_no_development_tools(
    server_venv: Path, tmp_path: Path
) -> None:
    (make_demo_extras,) = installed_extras(make_recipe("demo", tmp_path))
    assert make_demo_extras == DEMO_EXTRAS, "server_venv no longer installs what make demo does"
    listed = run(server_venv, "python", "-m", "pip", "list", "--format=freeze")
    assert listed.returncode == 0, listed.stderr
    installed = {canonicalize_name(line.split("==")[0]) for line in listed.stdout.splitlines()}
    assert "faster-whisper" in installed
    # pytest is left out: the user-suite tests of this module install it into this venv.
    assert not installed & ({*DEV_TOOLS, "mkdocs"} - {"pytest"})
    demo = run(server_venv, "python", "-m", "cfasr_emulator.demo")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "EndOfTurn" in demo.stdout
