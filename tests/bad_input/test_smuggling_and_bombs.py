"""Request smuggling basics, broken chunked bodies, header injection and compression bombs
(issue 18.8), over a raw socket: each gets one prompt answer in Cloudflare's envelope, never a
500 or a hang, and nothing the client injected comes back as a header.

What the emulator does, case by case: when both ``Content-Length`` and ``Transfer-Encoding:
chunked`` come, the chunked framing wins (as RFC 9112 says) and the connection closes after
the answer, so bytes smuggled behind the body are never read as a second request. A chunk
that announces more than it sends is a body that stopped arriving (408 after the body
timeout, 1 s here). CR or LF inside an option arrives percent-encoded and is refused as a
bad value. The emulator decodes no ``Content-Encoding``: a gzip body is not audio (400), so
a 48 KB gzip of 50 MB of zeros never expands. Audio that decodes to hours is
``test_audio_length``'s (the decoded-length cap); a WAV whose header claims 4 GB is counted
here.
"""

from __future__ import annotations

import gzip
import io
import struct
import wave
from collections.abc import Callable, Iterator

import attrs
import pytest

from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import suite_emulator
from tests.support.raw_http import RawAnswer, head, open_socket, read_answer, send_raw
from tests.support.summary import FIGURES

NOVA_3 = "@cf/deepgram/nova-3"
WHISPER = "@cf/openai/whisper"
BODY_TIMEOUT_S = 1.0


def target(emu: EmulatorHandle, model: str, query: str = "") -> str:
    path = f"/client/v4/accounts/{emu.account_id}/ai/run/{model}"
    return f"{path}?{query}" if query else path


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    # A short keep-alive: answers the app makes itself keep the connection open, and each
    # case waits for the close it checks.
    with suite_emulator(
        faults_enabled=True, body_timeout_s=BODY_TIMEOUT_S, keep_alive_timeout_s=1.0
    ) as handle:
        yield handle


@attrs.frozen
class Case:
    name: str
    request: Callable[[EmulatorHandle], bytes]
    status: int
    code: int


def _post(
    model: str = NOVA_3, query: str = "", **headers: str
) -> Callable[[EmulatorHandle], bytes]:
    return lambda e: head(e, target(e, model, query), "POST", **headers)


def _with(body: bytes, model: str = NOVA_3, **headers: str) -> Callable[[EmulatorHandle], bytes]:
    return lambda e: _post(model, **headers)(e) + body


def _extra_header_lines(raw: bytes) -> Callable[[EmulatorHandle], bytes]:
    return lambda e: _post(Content_Length="0")(e).replace(b"\r\n\r\n", b"\r\n" + raw + b"\r\n\r\n")


def _wav_claiming(data_bytes: int, sent: int) -> bytes:
    """A WAV header whose data chunk claims ``data_bytes``, followed by ``sent`` bytes."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(bytes(sent))
    wav = bytearray(out.getvalue())
    struct.pack_into("<I", wav, 4, min(0xFFFFFFFF, data_bytes + 36))
    struct.pack_into("<I", wav, 40, data_bytes)
    return bytes(wav)


_GZIP_BOMB = gzip.compress(bytes(50_000_000))  # 48 KB that would expand to 50 MB
_CHUNKED = {"Transfer_Encoding": "chunked"}
_LIAR_WAV = _wav_claiming(0xFFFFFFF0, 3200)

CASES = [
    # Smuggling basics: the two framings disagree.
    Case(
        "Content-Length and chunked: chunked wins, smuggled request not read",
        _with(b"0\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", Content_Length="40", **_CHUNKED),
        400,
        6003,
    ),
    Case(
        "chunked and a shorter Content-Length",
        _with(b"0\r\n\r\n", Content_Length="2", **_CHUNKED),
        400,
        6003,
    ),
    Case(
        "chunked named twice", _with(b"0\r\n\r\n", Transfer_Encoding="chunked, chunked"), 400, 6003
    ),
    # Invalid chunked encoding.
    Case("chunk size not hex", _with(b"zz\r\nabc\r\n0\r\n\r\n", **_CHUNKED), 400, 6003),
    Case("negative chunk size", _with(b"-3\r\nabc\r\n0\r\n\r\n", **_CHUNKED), 400, 6003),
    Case("chunk longer than its size", _with(b"3\r\nabcdef\r\n0\r\n\r\n", **_CHUNKED), 400, 6003),
    Case(
        "chunk extension garbage", _with(b"3;\x01\x02\r\nabc\r\n0\r\n\r\n", **_CHUNKED), 400, 5006
    ),
    Case(
        "chunk announcing 2**80 bytes, then stopping",
        _with(b"ffffffffffffffffffff\r\nabc", **_CHUNKED),
        408,
        3007,
    ),
    # Header injection attempts.
    Case("bare CR inside a header value", _extra_header_lines(b"X-A: a\rX-Injected: 1"), 400, 6003),
    Case("NUL inside a header value", _extra_header_lines(b"X-A: a\x00b"), 400, 6003),
    Case(
        "CR LF in an option value",
        _post(query="encoding=linear16%0d%0aX-Injected:%201&sample_rate=16000", Content_Length="0"),
        400,
        5006,
    ),
    Case(
        "CR LF in a keyterm",
        _post(
            query="encoding=linear16&sample_rate=16000&keyterm=a%0d%0aSet-Cookie:%20x=1",
            Content_Length="0",
        ),
        400,
        5006,
    ),
    Case(
        "CR LF in the fault header",
        _post(Content_Length="0", cf_emulator_fault="429%0d%0aX-Injected: 1"),
        400,
        6003,
    ),
    # Compression bombs and liars.
    Case(
        "gzip Content-Encoding bomb",
        _with(_GZIP_BOMB, WHISPER, Content_Encoding="gzip", Content_Length=str(len(_GZIP_BOMB))),
        400,
        5006,
    ),
    Case(
        "deflate Content-Encoding",
        _with(b"x\x9c" + bytes(98), WHISPER, Content_Encoding="deflate", Content_Length="100"),
        400,
        5006,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_gets_one_prompt_envelope_and_nothing_injected(
    emulator: EmulatorHandle, case: Case
) -> None:
    answer = send_raw(emulator, case.request(emulator))
    assert answer.status == case.status, answer
    assert answer.envelope_code() == case.code
    assert answer.closed
    assert "x-injected" not in answer.headers
    assert "set-cookie" not in answer.headers
    assert emulator.token not in answer.body.decode()
    FIGURES.bad_input()


def test_a_wav_whose_header_claims_4_gb_is_decoded_for_what_it_holds(
    emulator: EmulatorHandle,
) -> None:
    request = _with(_LIAR_WAV, WHISPER, Content_Length=str(len(_LIAR_WAV)))(emulator)
    with open_socket(emulator) as sock:
        sock.sendall(request)
        answer: RawAnswer = read_answer(sock, expect_close=False)
    assert answer.status == 200, answer
    FIGURES.bad_input()
