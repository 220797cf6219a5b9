"""The token never leaks: every log record at every level, stderr, reprs, exception messages and
full tracebacks of a run full of failures are captured and searched for it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from typing import Any

import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext import APIError, CfasrError, Client
from cfasr_ext._config import resolve_settings
from cfasr_ext._logging import setup_from_env
from cfasr_ext.streaming import connect_nova3
from tests.support.emulators import SAMPLE, TOKEN, client_for, install_faults, suite_emulator
from tests.support.transport import SpecLog

SECRET = "sk-live-9f8e7d6c5b4a39281706"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator() as handle:
        yield handle


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + str(exc)


def _failures(emu: EmulatorHandle, captured: list[str]) -> None:
    """Drive the SDK through every failure path with the secret as token; keep all the text."""
    log = SpecLog()
    scenarios: list[tuple[str, dict[str, Any]]] = [
        ("runWhisper@1+:500", {}),  # retried, then exhausted
        ("runWhisper@1+:reset", {}),  # connection errors
        ("runWhisper@1+:truncate", {}),
        ("runWhisper@1+:delay=1", {"timeout": 0.2}),
    ]
    for rule, options in scenarios:
        install_faults(emu, rule)
        with client_for(emu, log, api_token=SECRET, max_retries=1, **options) as client:
            captured.append(repr(client))
            with pytest.raises(CfasrError) as caught:
                client.whisper.transcribe(SAMPLE)
            captured.append(_trace(caught.value))
    install_faults(emu)
    with Client(api_token=SECRET, account_id=emu.account_id, base_url=emu.base_url) as client:
        with pytest.raises(APIError) as refused:  # strict emulator: 401
            client.nova_3.transcribe(SAMPLE)
        captured.append(_trace(refused.value))
        raw_fail = refused.value
        captured.append(repr(raw_fail.body))
    with (
        Client(
            api_token=SECRET, account_id=emu.account_id, base_url="http://127.0.0.1:9/client/v4"
        ) as client,
        pytest.raises(APIError) as unreachable,
    ):
        client.whisper.transcribe(SAMPLE)
    captured.append(_trace(unreachable.value))


async def _stream_failures(emu: EmulatorHandle, captured: list[str]) -> None:
    settings = resolve_settings(
        api_token=SECRET, account_id=emu.account_id, base_url=emu.base_url, environ={}
    )
    captured.append(repr(settings))
    stream = connect_nova3(settings, encoding="linear16", sample_rate=16000)
    captured.append(repr(stream))
    with pytest.raises(CfasrError) as refused:  # 401 handshake
        await stream.connect()
    captured.append(_trace(refused.value))


async def test_the_token_appears_nowhere(
    emulator: EmulatorHandle,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CFASR_LOG", "debug")
    setup_from_env()
    captured: list[str] = []
    with caplog.at_level(logging.DEBUG):  # every logger: cfasr, httpx, httpcore, websockets
        _failures(emulator, captured)
        await _stream_failures(emulator, captured)
    out, err = capfd.readouterr()
    everything = "\n".join([*captured, caplog.text, out, err])
    assert caplog.records, "nothing was logged, so nothing was searched"
    assert "HTTP 401" in everything
    assert SECRET not in everything
    assert SECRET[4:16] not in everything  # not even a fragment
    assert TOKEN not in everything
