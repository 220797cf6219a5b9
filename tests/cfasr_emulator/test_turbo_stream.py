"""Large turbo bodies: the base64 audio is decoded piece by piece, to the same bytes as a
full ``json.loads`` + ``b64decode``; any other shape falls back to the full parse."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import random
import wave
from collections.abc import Iterator
from typing import Any

import pytest

from cfasr_emulator.rest.handlers import STREAM_FROM_BYTES
from cfasr_emulator.rest.turbo_body import (
    PLACEHOLDER,
    StreamedTurbo,
    TurboBodyFeeder,
    decode_turbo_body,
    pieces_of,
)
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from tests.cfasr_emulator.conftest import post
from tests.cfasr_emulator.test_rest_errors import bad_input_complaint, error_of

TURBO = "@cf/openai/whisper-large-v3-turbo"


def full_parse(body: bytes) -> tuple[dict[str, Any], bytes]:
    doc = json.loads(body)
    return doc, base64.b64decode(doc["audio"], validate=True)


def streamed(pieces: list[bytes]) -> tuple[dict[str, Any], bytes]:
    result = decode_turbo_body(pieces)
    assert result is not None
    assert result.doc["audio"] == PLACEHOLDER
    return result.doc, result.audio


def assert_same_as_full_parse(body: bytes, pieces: list[bytes]) -> None:
    doc, audio = full_parse(body)
    got_doc, got_audio = streamed(pieces)
    assert got_audio == audio
    assert {**got_doc, "audio": doc["audio"]} == doc


def test_a_few_megabytes_decode_to_exactly_the_full_parse_bytes() -> None:
    audio = random.Random(5).randbytes(3 * 1024 * 1024 + 1)  # 1 byte over: '==' padding
    body = json.dumps(
        {
            "language": "en",
            "audio": base64.b64encode(audio).decode(),
            "initial_prompt": 'a "quoted" prompt, caf\u00e9 \\ \ud83d\ude00',
            "vad_filter": True,
            "beam_size": 2,
        }
    ).encode()
    for size in (1 << 20, 65_537, 4_099, 1_000_003):
        assert_same_as_full_parse(body, [bytes(p) for p in pieces_of(body, size)])
    assert streamed([body])[1] == audio


AWKWARD = (
    b'{ "task":"transcribe", "initial_prompt": "say \\"hi\\" \\u00e9\\ud83d\\ude00",\n'
    b' "audio" :\t"' + base64.b64encode(bytes(range(256)) * 3 + b"xy") + b'" ,'
    b' "prefix": "\\\\\\"x", "vad_filter": false }'
)
"""Escapes before and after the audio (splits inside ``\\"``, ``\\u00e9``, ``\\\\``),
whitespace around the colon, and a final group with one '=' of padding."""


@pytest.mark.parametrize("padding", [0, 1, 2])
def test_a_body_split_at_every_point_decodes_the_same(padding: int) -> None:
    audio = bytes(range(256)) * 3 + b"xyz"[: 3 - padding]
    body = AWKWARD.replace(base64.b64encode(bytes(range(256)) * 3 + b"xy"), b"%s")
    body = body.replace(b"%s", base64.b64encode(audio))
    assert base64.b64encode(audio).count(b"=") == padding
    for cut in range(1, len(body)):
        assert_same_as_full_parse(body, [body[:cut], body[cut:]])
    for a in range(1, len(body), 7):  # three pieces: both cuts anywhere
        for b in range(a, len(body), 5):
            assert_same_as_full_parse(body, [body[:a], body[a:b], body[b:]])
    assert_same_as_full_parse(body, [body[i : i + 1] for i in range(len(body))])


@pytest.mark.parametrize(
    "body",
    [
        b'{"audio": "QUJ\\u0044"}',  # an escape inside the base64: only the full parse knows
        b'{"audio": "QU\\/I"}',
        b'{"audio": "QUJ"}',  # not a multiple of 4
        b'{"audio": "QU=D"}',  # padding inside
        b'{"audio": "QUJD\\n"}',
        b'{"audio": "QUJD", "audio": "QUJD"}',  # duplicated: the last one counts
        b'{"audio": "QUJD", "\\u0061udio": "QUJD"}',
        b'[{"audio": "QUJD"}]',
        b'{"options": {"audio": "QUJD"}}',
        b'{"x": "\\"audio\\": \\"QUJD\\""}',
        b'{"audio": ""}',
        b'{"audio": "QUJD",}',  # invalid JSON around it
        b'{"audio": "QUJD"} trailing',
        b'{"audio": "QUJD", "beam_size": NaN}',
        b'{"audio": "QUJD", "x": ' + b"[" * 70 + b"]" * 70 + b"}",  # deeper than allowed
        b'\xef\xbb\xbf{"audio": "QUJD"}',
        b'{"audio": "QUJD"',
    ],
)
def test_every_other_shape_falls_back_to_the_full_parse(body: bytes) -> None:
    for cut in range(1, len(body)):
        assert decode_turbo_body([body[:cut], body[cut:]]) is None
    assert decode_turbo_body([body]) is None


def feed(pieces: list[bytes], batch: int, *, close_first: bool = False) -> StreamedTurbo | None:
    async def run() -> StreamedTurbo | None:
        feeder = TurboBodyFeeder(batch)
        try:
            for piece in pieces:
                feeder.feed(piece)
            if close_first:
                feeder.close()
            return await feeder.finish()
        finally:
            feeder.close()

    return asyncio.run(run())


@pytest.mark.parametrize("batch", [1, 4_099, 1 << 20])
def test_the_feeder_decodes_while_the_body_arrives(batch: int) -> None:
    audio = random.Random(7).randbytes(700_001)
    body = json.dumps({"audio": base64.b64encode(audio).decode(), "beam_size": 3}).encode()
    pieces = [bytes(p) for p in pieces_of(body, 65_521)]
    result = feed(pieces, batch)
    assert result is not None
    assert result.audio == audio
    assert result.doc == {"audio": PLACEHOLDER, "beam_size": 3}
    assert feed([b'{"audio": "QUJ"}'], batch) is None


def test_a_closed_feeder_gives_nothing() -> None:
    assert feed([b'{"audio": "QUJD"}'], 4, close_first=True) is None


# --- through the emulator ----------------------------------------------------------------


@pytest.fixture(scope="module")
def skipping_emulator() -> Iterator[EmulatorHandle]:
    with run_emulator(engine_mode="skip") as handle:
        yield handle


def wav(seconds: float, rate: int = 16_000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(random.Random(1).randbytes(int(seconds * rate) * 2))
    return out.getvalue()


def test_a_large_turbo_body_is_decoded_whole(skipping_emulator: EmulatorHandle) -> None:
    audio = wav(120.0)  # 3.8 MB of WAV, 5.1 MB of base64
    body = json.dumps({"audio": base64.b64encode(audio).decode(), "language": "en"})
    assert len(body) > 10 * STREAM_FROM_BYTES
    response = post(
        skipping_emulator, TURBO, content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    info = response.json()["result"]["transcription_info"]
    assert info["duration"] == pytest.approx(120.0, abs=0.01)
    assert info["language"] == "en"


def test_a_chunked_turbo_body_is_decoded_as_it_arrives(
    skipping_emulator: EmulatorHandle,
) -> None:
    audio = wav(40.0)
    body = json.dumps({"audio": base64.b64encode(audio).decode()}).encode()

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked, in odd pieces
        yield from (body[i : i + 7_919] for i in range(0, len(body), 7_919))

    response = post(
        skipping_emulator, TURBO, content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["result"]["transcription_info"]["duration"] == pytest.approx(40.0)


def large(audio: str, **options: Any) -> bytes:
    return json.dumps({"audio": audio, **options}).encode()


BIG = base64.b64encode(bytes(STREAM_FROM_BYTES)).decode()


@pytest.mark.parametrize(
    ("body", "status", "code", "complaint"),
    [
        (large(BIG[:-1]), 400, 5004, "'/audio' is not valid base64"),
        (large(BIG[:100] + "\\n" + BIG[100:]), 400, 5004, "'/audio' is not valid base64"),
        (large(BIG, beam_size="2"), 400, 5006, "Type mismatch of '/beam_size', 'string'"),
        (large(BIG)[:-1], 400, 5006, "the body is not valid JSON (Expecting"),
        (json.dumps({"audio": [1] * STREAM_FROM_BYTES}).encode(), 400, 5006, "'/audio', 'array'"),
    ],
)
def test_large_bodies_are_refused_as_small_ones_are(
    skipping_emulator: EmulatorHandle, body: bytes, status: int, code: int, complaint: str
) -> None:
    assert len(body) >= STREAM_FROM_BYTES
    response = post(
        skipping_emulator, TURBO, content=body, headers={"content-type": "application/json"}
    )
    if code == 5006:
        assert complaint in bad_input_complaint(response)
    else:
        assert complaint in error_of(response, status, code)
