"""`import cfasr_ext` stays an SDK import: no emulator, engine, audio decoder or CLI comes with it.

Run in a fresh interpreter, because this test process has long since imported all of them.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.sdk_surface import NOT_FOR_THE_SDK

HEAVY = NOT_FOR_THE_SDK


def _modules_after(statement: str) -> set[str]:
    code = f"{statement}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(json.loads(out))


def test_importing_the_sdk_loads_no_server_engine_decoder_or_cli_module() -> None:
    loaded = _modules_after("import cfasr_ext")
    assert "cfasr_ext" in loaded
    heavy = sorted(name for name in loaded if name.split(".")[0] in HEAVY or name in HEAVY)
    assert heavy == []


def test_the_seam_for_cfasrs_own_packages_is_as_light_as_the_sdk() -> None:
    loaded = _modules_after("import cfasr_ext.internal")
    heavy = sorted(name for name in loaded if name.split(".")[0] in HEAVY or name in HEAVY)
    assert heavy == []
    assert "httpx" not in loaded


def test_the_check_sees_heavy_modules_when_they_are_imported() -> None:
    """The same probe does report the emulator, so the test above can fail."""
    loaded = _modules_after("import cfasr_ext, cfasr_emulator.app")
    assert {"cfasr_emulator", "starlette"} <= loaded


def test_cfasr_help_loads_no_client_streaming_or_generated_models() -> None:
    """`cfasr --help` builds every model flag from the contract alone."""
    code = (
        "import sys, json\n"
        "from cfasr_cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "cfasr_client.contract" in loaded
    unwanted = {"httpx", "websockets", "cfasr_ext._client", "cfasr_ext.streaming"}
    assert not unwanted & loaded
    assert not {name for name in loaded if name.startswith("cfasr_client.models.")}


def test_names_load_on_first_use() -> None:
    loaded = _modules_after("import cfasr_ext; cfasr_ext.Client; cfasr_ext.Results")
    assert {"httpx", "cfasr_ext._client", "cfasr_ext.streaming"} <= loaded
