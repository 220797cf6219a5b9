"""Every wait has an end: slow heads, stalled bodies, idle keep-alive connections, unanswered
upgrades and too many connections are each cut off with an answer in the envelope.

The limits are set low here so the tests are quick; the deadlines in ``raw_http`` are
"does not hang" bounds, far above them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from cfasr_emulator.__main__ import build_parser, config_from_args
from cfasr_emulator.config import ServerConfig
from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import suite_emulator
from tests.support.raw_http import head, open_socket, read_answer, send_raw, upgrade_head
from tests.support.summary import FIGURES

NOVA_3 = "@cf/deepgram/nova-3"
WHISPER = "@cf/openai/whisper"


def _path(emu: EmulatorHandle, model: str) -> str:
    return f"/client/v4/accounts/{emu.account_id}/ai/run/{model}"


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(
        header_timeout_s=1.0,
        body_timeout_s=1.0,
        keep_alive_timeout_s=0.5,
        ws_handshake_timeout_s=1.0,
    ) as handle:
        yield handle


def test_a_slow_loris_head_is_cut_off_with_408(emulator: EmulatorHandle) -> None:
    request = head(emulator, _path(emulator, WHISPER), "POST", Content_Length="0")
    # One byte every 0.5 s would take minutes; the server answers after its 1 s.
    answer = send_raw(emulator, [bytes([b]) for b in request], pause_s=0.5)
    assert answer.status == 408
    assert answer.envelope_code() == 3007
    assert "headers" in answer.body.decode()
    assert answer.closed
    FIGURES.bad_input()


def test_a_head_arriving_in_pieces_is_not_cut_by_the_keep_alive_clock(
    emulator: EmulatorHandle,
) -> None:
    """The keep-alive clock (0.5 s here) is for the time between requests: a head still
    arriving within the head timeout (1 s) must not be cut by it (it once was, after each
    piece of the head)."""
    request = head(emulator, _path(emulator, WHISPER), "POST", Content_Length="0")
    middle = len(request) // 2
    answer = send_raw(emulator, [request[:middle], request[middle:]], pause_s=0.7)
    assert answer.status == 400  # the head arrived whole: the empty body is refused


def test_a_connection_that_sends_nothing_is_closed(emulator: EmulatorHandle) -> None:
    with open_socket(emulator) as sock:
        answer = read_answer(sock)
    assert answer.status == 408
    assert answer.closed
    FIGURES.bad_input()


def test_a_stalled_body_gets_408_and_the_connection_closes(emulator: EmulatorHandle) -> None:
    declared = 10 * 1000 * 1000
    request = head(emulator, _path(emulator, WHISPER), "POST", Content_Length=str(declared))
    with open_socket(emulator) as sock:
        sock.sendall(request + bytes(1000 * 1000))  # 1 MB of the declared 10 MB, then nothing
        answer = read_answer(sock)
    assert answer.status == 408
    assert answer.envelope_code() == 3007
    assert "body" in answer.body.decode()
    assert answer.closed
    FIGURES.bad_input()


def test_an_idle_keep_alive_connection_is_closed(emulator: EmulatorHandle) -> None:
    with open_socket(emulator) as sock:
        sock.sendall(head(emulator, _path(emulator, WHISPER), "POST", Content_Length="0"))
        first = read_answer(sock, expect_close=False)
        assert first.status == 400  # an empty body: the model's refusal; the connection stays
        assert sock.recv(1) == b""  # then, idle, it is closed


def test_an_unanswered_upgrade_gets_408(emulator: EmulatorHandle) -> None:
    request = upgrade_head(emulator, _path(emulator, NOVA_3), cf_emulator_fault="delay=60")
    answer = send_raw(emulator, request)
    assert answer.status == 408
    assert answer.envelope_code() == 3007
    assert "WebSocket" in answer.body.decode()
    FIGURES.bad_input()


def test_connections_over_the_cap_get_503() -> None:
    with (
        suite_emulator(max_connections=2, header_timeout_s=60.0) as emu,
        contextlib.ExitStack() as held,
    ):
        for _ in range(2):
            held.enter_context(open_socket(emu))
        answer = send_raw(emu, head(emu, _path(emu, WHISPER), "POST", Content_Length="0"))
        assert answer.status == 503
        assert answer.envelope_code() == 3040
        assert answer.headers["retry-after"] == "1"
        assert answer.closed
    FIGURES.bad_input()


def test_every_wait_has_a_flag_and_a_default() -> None:
    args = build_parser().parse_args(
        [
            "--header-timeout=2",
            "--body-timeout=3",
            "--keep-alive-timeout=4",
            "--ws-handshake-timeout=6",
            "--max-connections=7",
            "--max-request-line-bytes=9000",
            "--max-header-bytes=10000",
            "--graceful-shutdown=8",
            "--engine-deadline=9",
        ]
    )
    config = config_from_args(args)
    assert (config.header_timeout_s, config.body_timeout_s) == (2, 3)
    assert (config.keep_alive_timeout_s, config.ws_handshake_timeout_s) == (4, 6)
    assert (config.max_connections, config.graceful_shutdown_s) == (7, 8)
    assert config.engine_deadline_s == 9
    assert (config.max_request_line_bytes, config.max_header_bytes) == (9000, 10000)
    defaults = config_from_args(build_parser().parse_args([]))
    for field in (*GUARD_FIELDS, "graceful_shutdown_s", "engine_deadline_s"):
        assert getattr(defaults, field) == getattr(ServerConfig(), field), field


GUARD_FIELDS = (
    "header_timeout_s",
    "body_timeout_s",
    "keep_alive_timeout_s",
    "ws_handshake_timeout_s",
    "max_connections",
    "max_request_line_bytes",
    "max_header_bytes",
    "max_header_count",
)
