"""Starting and stopping the emulator: in-process helpers, the pytest fixture, the command,
graceful shutdown."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest

from cfasr_emulator.__main__ import build_parser, config_from_args
from cfasr_emulator.config import ServerConfig
from cfasr_emulator.faults import FaultSpecError
from cfasr_emulator.testing import DEFAULT_ACCOUNT_ID, arun_emulator, run_emulator
from tests.cfasr_emulator.conftest import post

ROOT = Path(__file__).resolve().parents[2]
WHISPER = "@cf/openai/whisper"


def test_run_emulator_serves_on_a_free_loopback_port(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip") as emu:
        assert emu.base_url == f"http://127.0.0.1:{emu.port}/client/v4"
        assert emu.account_id == DEFAULT_ACCOUNT_ID
        assert post(emu, WHISPER, content=weather_wav).status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.post(emu.model_url(WHISPER), content=weather_wav, headers=emu.auth_headers)


def test_run_emulator_hands_out_its_strict_token(weather_wav: bytes) -> None:
    with run_emulator(engine_mode="skip", token="t0ken") as emu:
        assert emu.token == "t0ken"
        assert post(emu, WHISPER, content=weather_wav).status_code == 200


async def test_arun_emulator_works_with_async_clients(weather_wav: bytes) -> None:
    async with arun_emulator(engine_mode="skip") as emu, httpx.AsyncClient() as client:
        response = await client.post(
            emu.model_url(WHISPER), content=weather_wav, headers=emu.auth_headers
        )
    assert response.status_code == 200


def test_run_emulator_reports_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match="in use"), run_emulator(engine_mode="skip", port=port):
            pass


def test_graceful_shutdown_finishes_requests_in_flight(weather_wav: bytes) -> None:
    results: list[int] = []
    with run_emulator(engine_mode="skip", faults_enabled=True) as emu:
        request = threading.Thread(
            target=lambda: results.append(
                post(
                    emu, WHISPER, content=weather_wav, headers={"cf-emulator-fault": "delay=1"}
                ).status_code
            )
        )
        request.start()
        while emu.context.faults.calls("runWhisper") == 0:
            time.sleep(0.01)
    request.join()
    assert results == [200]


def test_the_pytest_fixture_gives_a_running_emulator(tmp_path: Path) -> None:
    test_file = tmp_path / "test_user.py"
    test_file.write_text(
        textwrap.dedent(
            """
            import httpx

            def test_uses_emulator(cfasr_emulator) -> None:
                url = cfasr_emulator.model_url("@cf/openai/whisper")
                response = httpx.post(url, content=b"", headers={})
                assert response.status_code == 401
                assert cfasr_emulator.base_url.startswith("http://127.0.0.1:")
            """
        )
    )
    # The documented opt-in: one line in the user's conftest.py.
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["cfasr_emulator.pytest_plugin"]\n')
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "1 passed" in completed.stdout


def test_command_line_builds_the_config() -> None:
    args = build_parser().parse_args(
        ["--port", "9999", "--token", "abc", "--fault-rules", "runWhisper@2:503", "--preload"]
    )
    config = config_from_args(args)
    assert config.port == 9999
    assert config.token == "abc"
    assert config.preload
    assert config.faults_enabled
    assert config.fault_rules[0].nth == 2
    assert config.host == "127.0.0.1"


def test_command_line_without_faults_keeps_them_off() -> None:
    config = config_from_args(build_parser().parse_args([]))
    assert not config.faults_enabled
    assert config.engine_mode == "real"


def test_faults_alone_turn_injection_on_without_rules() -> None:
    config = config_from_args(build_parser().parse_args(["--faults"]))
    assert config.faults_enabled
    assert config.fault_rules == ()


def test_command_line_refuses_a_bad_rule() -> None:
    with pytest.raises(FaultSpecError):
        config_from_args(build_parser().parse_args(["--fault-rules", "nonsense"]))


def test_python_m_server_serves_and_stops_on_sigint(weather_wav: bytes) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CFASR_EMULATOR_TOKEN": "env-token"}
    server = subprocess.Popen(
        [sys.executable, "-m", "cfasr_emulator", "--port", str(port), "--engine", "skip"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/client/v4/accounts/{DEFAULT_ACCOUNT_ID}/ai/run/{WHISPER}"
        for _ in range(300):
            try:
                refused = httpx.post(
                    url, content=weather_wav, headers={"Authorization": "Bearer x"}
                )
                break
            except httpx.ConnectError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server did not start")
        accepted = httpx.post(
            url, content=weather_wav, headers={"Authorization": "Bearer env-token"}
        )
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert refused.status_code == 401
    assert accepted.status_code == 200
    assert server.returncode == 0
    assert "env-token" not in output


def test_command_line_sets_the_allowed_origins() -> None:
    args = ["--allow-origin", "https://a.example", "--allow-origin", "https://b.example"]
    config = config_from_args(build_parser().parse_args(args))
    assert config.allowed_origins == ("https://a.example", "https://b.example")
    assert not config.allow_any_origin
    assert config_from_args(build_parser().parse_args(["--allow-any-origin"])).allow_any_origin
    assert config_from_args(build_parser().parse_args([])).allowed_origins == ()
    assert ServerConfig(allowed_origins="https://a.example").allowed_origins == (
        "https://a.example",
    )
