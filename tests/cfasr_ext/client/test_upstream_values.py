"""Calls that Cloudflare's model schemas or Deepgram's references allow pass the SDK's checks
and reach the wire unchanged (issue 24): before, the spec carried bounds and enums no source
states, and the SDK refused these calls before sending them.

REST calls go to the scripted recorder; WebSocket handshakes to the fake Deepgram server,
whose recorded request line is what the SDK sent. The last test walks every enum value of the
vendored upstream schemas through the spec's checks.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qsl, urlsplit

import pytest
from cfasr_client.contract import OPERATIONS

from cfasr_ext.streaming import connect_flux, connect_nova3
from tests.cfasr_ext.client.conftest import Runner
from tests.cfasr_ext.streaming.conftest import settings_for
from tests.cfasr_ext.streaming.fake_deepgram import Script, fake_deepgram
from tests.conftest import ROOT


def _contract_script(name: str) -> ModuleType:
    """A module of scripts/contract (the drift check, the generator), imported by name."""
    folder = str(ROOT / "scripts" / "contract")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


def _query(path: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(path).query, keep_blank_values=True)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"redact": "pii"}, [("redact", "pii")]),
        (
            {"redact": ["pci", "pii", "numbers"]},
            [("redact", "pci"), ("redact", "pii"), ("redact", "numbers")],
        ),
        ({"channels": 32}, [("channels", "32")]),
        ({"utt_split": 120}, [("utt_split", "120")]),
        ({"utt_split": -0.5}, [("utt_split", "-0.5")]),
        (
            {"encoding": "mulaw", "sample_rate": 500},
            [("encoding", "mulaw"), ("sample_rate", "500")],
        ),
        ({"tag": ["team-a", "batch-7"]}, [("tag", "team-a"), ("tag", "batch-7")]),
        ({"keyterm": ""}, [("keyterm", "")]),
    ],
)
def test_nova3_rest_values_reach_the_wire_unchanged(
    run: Runner, options: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    run(lambda c: c.nova_3.transcribe(WAV, **options))
    (request,) = run.server.requests
    sent = _query(request.path)
    assert [pair for pair in sent if pair[0] in options] == expected


@pytest.mark.parametrize(
    "options",
    [
        {"beam_size": 25},
        {"beam_size": 0},
        {"log_prob_threshold": 0.5},
        {"no_speech_threshold": 1.5},
        {"language": "en-US"},
        {"language": "English"},
        {"hallucination_silence_threshold": -1.0},
    ],
)
def test_turbo_values_reach_the_wire_unchanged(run: Runner, options: dict[str, object]) -> None:
    run(lambda c: c.whisper_large_v3_turbo.transcribe(WAV, **options))
    (request,) = run.server.requests
    body = json.loads(request.body)
    for name, value in options.items():
        assert body[name] == value


async def test_nova3_stream_values_reach_the_handshake_unchanged() -> None:
    script = Script()
    async with fake_deepgram(script) as server:
        async with connect_nova3(
            settings_for(server),
            encoding="linear32",
            sample_rate=500,
            interim_results=True,
            utterance_end_ms=800,
            channels=32,
            redact=["ssn", "aggressive_numbers"],
            tag=["a", "b"],
        ) as stream:
            await stream.send(bytes(64))
        [_ async for _ in stream]
    sent = _query(script.requests[0].path)
    assert ("utterance_end_ms", "800") in sent
    assert ("channels", "32") in sent
    assert ("sample_rate", "500") in sent
    assert ("encoding", "linear32") in sent
    assert [v for k, v in sent if k == "redact"] == ["ssn", "aggressive_numbers"]
    assert [v for k, v in sent if k == "tag"] == ["a", "b"]


async def test_flux_sample_rate_outside_the_old_range_reaches_the_handshake() -> None:
    script = Script()
    async with fake_deepgram(script) as server:
        async with connect_flux(settings_for(server), sample_rate=500) as stream:
            await stream.send(bytes(64))
        [_ async for _ in stream]
    sent = _query(script.requests[0].path)
    assert ("sample_rate", "500") in sent
    assert ("encoding", "linear16") in sent  # cfasr's client default, stated in the spec


def test_every_upstream_enum_value_passes_the_sdks_checks() -> None:
    """Each value an upstream schema enumerates for an option passes the spec's check,
    unless the spec declares a departure on that option's enum (with its reason)."""
    checked = 0
    for operation_id, sources in _contract_script("drift").upstreams(Path(ROOT)).items():
        operation = OPERATIONS[operation_id]
        for _label, options in sources:
            for name, facts in options.items():
                param = operation.get(name)
                if param is None or param.refused or "enum" not in facts:
                    continue
                if _declares_enum_departure(operation_id, name):
                    continue
                for value in facts["enum"]:
                    param.check([value] if param.kind == "array" else value)
                    checked += 1
    assert checked >= 20, checked


def _declares_enum_departure(operation_id: str, name: str) -> bool:
    generate = _contract_script("generate")
    spec = generate.load_spec(ROOT / "openapi.yaml")
    for op in generate.operations(spec):
        if op["operation_id"] == operation_id:
            for param in op["params"]:
                if param["name"] == name:
                    return "enum" in param.get("_departure", {})
    return False
