"""Big request bodies are parsed off the event loop: other requests are answered meanwhile.

Before, a JSON byte-array body (``{"audio": [0..255, ...]}`` for whisper) was parsed with
``json.loads`` on the event loop; 40 MB froze every other request and stream for 2.7 s.
"""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from cfasr_emulator.error_envelope import ApiError
from cfasr_emulator.rest import inputs, whisper_input
from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import suite_emulator
from tests.support.raw_http import read_answer

WHISPER = "@cf/openai/whisper"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(faults_enabled=False) as handle:
        yield handle


def _request(emu: EmulatorHandle, body: bytes, *, token: bool) -> bytes:
    lines = [
        f"POST /client/v4/accounts/{emu.account_id}/ai/run/{WHISPER} HTTP/1.1",
        f"Host: {emu.host}:{emu.port}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    if token:
        lines.append(f"Authorization: Bearer {emu.token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _connect(emu: EmulatorHandle) -> socket.socket:
    sock = socket.create_connection((emu.host, emu.port), timeout=120)
    sock.settimeout(120)
    return sock


def _gate_parsers(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Make body parsing signal when it starts and then last until ``done`` is set (at most
    10 s): parsing a big body, made slow and deterministic. Wraps every parser the
    handlers may call (the emulator runs in this process)."""
    started, done = threading.Event(), threading.Event()
    for module, name in ((inputs, "parse_json"), (whisper_input, "byte_array_audio")):
        parser = getattr(module, name)

        def gated(*args: Any, _parser: Any = parser) -> Any:
            started.set()
            done.wait(10)
            return _parser(*args)

        monkeypatch.setattr(module, name, gated)
    return started, done


def test_a_request_is_answered_while_a_big_json_body_is_parsed(
    emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, done = _gate_parsers(monkeypatch)
    # 16 MB; the last value is out of range, so the big request is refused as soon as it
    # is parsed, with nothing left to wait for.
    big_body = b'{"audio": [' + b"0," * 8_000_000 + b"256]}"
    with _connect(emulator) as big, _connect(emulator) as small:
        big.sendall(_request(emulator, big_body, token=True))
        assert started.wait(30), "the body was never parsed"
        small.sendall(_request(emulator, b"{}", token=False))
        refused = read_answer(small, expect_close=False)
        big_answered_first = bool(select.select([big], [], [], 0)[0])
        done.set()
        answer = read_answer(big, expect_close=False)
    assert refused.status == 401
    assert refused.envelope_code() == 10000
    assert not big_answered_first, "the bad-auth request waited for the big body's parsing"
    assert answer.status == 400
    assert answer.envelope_code() == 5006
    assert "'/audio/8000000' must be between 0 and 255, got 256" in answer.body.decode()


@pytest.mark.parametrize(
    "body",
    [
        b'{"audio": [1, 2, 255]}',
        b' {"audio" : [ 0 ,7 ] }\n',
        b'{"audio": [1 2]}',
        b'{"audio": [01]}',
        b'{"audio": []}',
        b'{"audio": [1,,2]}',
        b'{"audio": [1,]}',
        b'{"audio": [-1]}',
        b'{"audio": [1.0]}',
        b'{"audio": [1e2]}',
        b'{"audio": [1000]}',
        b'{"audio": [1], "x": 2}',
        b'{"audio": [1], "audio": [2]}',
        b'{"audio": [1]} trailing',
    ],
)
def test_the_byte_array_fast_path_agrees_with_the_json_path(body: bytes) -> None:
    fast = whisper_input.byte_array_audio(body, "rid")
    if fast is None:
        return  # the general path answers it, as before
    assert fast == whisper_input.whisper_audio(inputs.parse_json(body, "rid"), "rid")


def test_the_fast_path_refuses_a_value_over_255_as_the_json_path_does() -> None:
    body = b'{"audio": [' + b"1," * 300_000 + b"3, 256, 1]}"
    with pytest.raises(ApiError) as fast:
        whisper_input.byte_array_audio(body, "rid")
    with pytest.raises(ApiError) as slow:
        whisper_input.whisper_audio(inputs.parse_json(body, "rid"), "rid")
    assert fast.value.message == slow.value.message
    assert "'/audio/300001' must be between 0 and 255, got 256" in fast.value.message
