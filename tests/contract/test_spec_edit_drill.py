"""The maintainer's drill: edit openapi.yaml, run the regeneration, touch nothing else.

A copy of the spec gains a boolean query option on nova-3's POST and WebSocket operations,
a narrower `beam_size` range for turbo and a new value for Nova-3's `mode` enum. The pinned
generator turns the copy into a fresh `cfasr_client` in a temporary tree, and a child
Python that imports that tree first proves that the SDK (sync, async, raw, stream), the
emulator's validation and the command line all follow, with no other edit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .drill_support import regenerate

ROOT = Path(__file__).resolve().parents[2]
TURBO_PAGE = (
    "cloudflare-docs:https://developers.cloudflare.com/workers-ai/models/whisper-large-v3-turbo/"
)

NEW_OPTION = """      parameters:
        - $ref: '#/components/parameters/AccountId'
        - name: drill_option
          in: query
          description: A boolean option added by the drill.
          schema: {type: boolean}
"""


def _edited_spec(text: str) -> str:
    post = "      operationId: runNova3\n"
    ws = "      operationId: streamNova3\n"
    for anchor in (post, ws):
        start = text.index(anchor)
        params = text.index("      parameters:", start)
        line_end = text.index("\n", params) + 1
        account = text.index("\n", line_end) + 1  # the AccountId line (or an anchor line)
        text = text[:account] + NEW_OPTION.split("\n", 2)[2] + text[account:]
    # beam_size's bounds are the emulator's own; the drill makes its maximum a (narrower)
    # fact of the service, which the SDK must then enforce too.
    narrowed = text.replace(
        "          default: 5\n          minimum: 1\n          maximum: 20\n"
        "          x-cfasr-source: {default: '" + TURBO_PAGE + "', minimum: emulator-limit, "
        "maximum: emulator-limit}\n",
        "          default: 5\n          minimum: 1\n          maximum: 10\n"
        "          x-cfasr-source: {default: '" + TURBO_PAGE + "', minimum: emulator-limit, "
        "maximum: '" + TURBO_PAGE + "'}\n",
    )
    assert narrowed != text
    enum = "enum: [general, medical, finance]"
    assert enum in narrowed
    return narrowed.replace(enum, "enum: [general, medical, finance, drill]")


CHILD = textwrap.dedent(
    """
    import asyncio, json, subprocess, sys
    import httpx
    import cfasr_client, cfasr_ext
    from cfasr_emulator.engine import WEATHER
    from cfasr_emulator.testing import run_emulator

    assert cfasr_client.__file__.startswith(sys.argv[1]), cfasr_client.__file__
    report = {}
    with run_emulator(engine_mode="skip") as emu:
        kw = dict(api_token=emu.token, account_id=emu.account_id, base_url=emu.base_url)
        with cfasr_ext.Client(**kw) as client:
            result = client.nova_3.transcribe(WEATHER.path, drill_option=True, mode="drill")
            report["sync"] = result.metadata.request_id is not None
            raw = client.nova_3.with_raw_response.transcribe(WEATHER.path, drill_option=False)
            report["raw"] = raw.status_code
            try:
                client.whisper_large_v3_turbo.transcribe(WEATHER.path, beam_size=15)
                report["narrowed_sdk"] = "accepted"
            except cfasr_ext.OptionError as exc:
                report["narrowed_sdk"] = str(exc)
            stream = client.nova_3.stream(
                encoding="linear16", sample_rate=16000, drill_option=True
            )
            with stream:
                stream.send(bytes(3200))
                stream.close()
                report["stream"] = [type(e).__name__ for e in stream][-1:]

        async def twin():
            async with cfasr_ext.AsyncClient(**kw) as client:
                result = await client.nova_3.transcribe(WEATHER.path, drill_option=True)
                return result.metadata.request_id is not None

        report["async"] = asyncio.run(twin())
        url = f"{emu.base_url}/accounts/{emu.account_id}/ai/run/"
        headers = {"Authorization": f"Bearer {emu.token}"}
        body = {"audio": "UklGRg==", "beam_size": 15}
        turbo = httpx.post(url + "@cf/openai/whisper-large-v3-turbo", json=body, headers=headers)
        report["narrowed_emulator"] = [turbo.status_code, turbo.json()["errors"][0]["message"]]
        bad = httpx.post(
            url + "@cf/deepgram/nova-3?drill_option=maybe",
            content=WEATHER.path.read_bytes(),
            headers={**headers, "Content-Type": "audio/wav"},
        )
        report["emulator_checks_new_option"] = bad.status_code
        env = {"CLOUDFLARE_API_TOKEN": emu.token, "CLOUDFLARE_ACCOUNT_ID": emu.account_id,
               "CLOUDFLARE_BASE_URL": emu.base_url, "PYTHONPATH": sys.argv[2], "PATH": ""}
        cli = [sys.executable, "-m", "cfasr_cli", "-q", "transcribe"]
        ok = subprocess.run(cli + ["-m", "nova-3", "--drill-option", str(WEATHER.path)],
                            capture_output=True, text=True, env=env)
        report["cli"] = [ok.returncode, ok.stderr]
        refused = subprocess.run(cli + ["-m", "turbo", "--beam-size", "15", str(WEATHER.path)],
                                 capture_output=True, text=True, env=env)
        report["cli_narrowed"] = [refused.returncode, refused.stderr]
        models = subprocess.run([sys.executable, "-m", "cfasr_cli", "models", "--json"],
                                capture_output=True, text=True, env=env)
        rows = json.loads(models.stdout)
        report["models"] = sorted(
            r["operation_id"] for r in rows if "drill_option" in r["options"]
        )
    print(json.dumps(report))
    """
)


@pytest.mark.slow
def test_a_spec_edit_reaches_every_layer_after_regeneration_alone(tmp_path: Path) -> None:
    tree = tmp_path / "project"
    (tree / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "openapi-python-client.yaml", tree / "scripts")
    (tree / "openapi.yaml").write_text(_edited_spec((ROOT / "openapi.yaml").read_text()))
    (tree / "docs" / "reference").mkdir(parents=True)
    regenerate(tree)
    generated = tree / "generated"
    assert "drill_option" in (tree / "docs" / "reference" / "options.md").read_text()

    path = os.pathsep.join([str(generated), str(ROOT)])
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(generated), path],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = __import__("json").loads(result.stdout.strip().splitlines()[-1])
    assert report["sync"] is True
    assert report["async"] is True
    assert report["raw"] == 200
    assert report["stream"] == ["Metadata"]
    assert "beam_size=15 is out of range" in report["narrowed_sdk"]
    assert "at most 10" in report["narrowed_sdk"]
    assert report["narrowed_emulator"][0] == 400
    assert "beam_size" in report["narrowed_emulator"][1]
    assert report["emulator_checks_new_option"] == 400
    assert report["cli"][0] == 0, report["cli"][1]
    assert report["cli_narrowed"][0] == 2
    assert "at most 10" in report["cli_narrowed"][1]
    # nova-3-internal shares the nova-3 WebSocket parameter list (a YAML anchor), so it follows.
    assert report["models"] == ["runNova3", "streamNova3", "streamNova3Internal"]


def test_the_drill_edit_changes_the_spec_where_it_should() -> None:
    """The edit itself can fail: every anchor it relies on is still in openapi.yaml."""
    edited = _edited_spec((ROOT / "openapi.yaml").read_text())
    assert edited.count("name: drill_option") == 2
    assert "maximum: 10" in edited
    assert "finance, drill]" in edited
