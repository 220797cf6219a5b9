"""The streaming endpoints on a real emulator over 127.0.0.1, with a plain websockets client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_emulator.ws import FluxRecognizer

from .conftest import MAX_SESSIONS, assert_valid, chunks

NOVA = "@cf/deepgram/nova-3"
NOVA_INTERNAL = "@cf/deepgram/nova-3-internal"
FLUX = "@cf/deepgram/flux"
RAW = "encoding=linear16&sample_rate=16000"
CLOSE = json.dumps({"type": "CloseStream"})


def url(emu: EmulatorHandle, model: str, query: str = RAW) -> str:
    return f"{emu.websocket_url(model)}?{query}"


def connect(emu: EmulatorHandle, model: str, query: str = RAW, **headers: str) -> Any:
    return websockets.connect(
        url(emu, model, query), additional_headers={**emu.auth_headers, **headers}
    )


async def receive_all(ws: ClientConnection) -> list[dict[str, Any]]:
    """Every message until the server closes; each validated against openapi.yaml."""
    messages = []
    try:
        async for raw in ws:
            message = json.loads(raw)
            assert_valid(message)
            messages.append(message)
    except websockets.ConnectionClosedError:
        pass
    return messages


async def send_audio(ws: ClientConnection, pcm: bytes, frame: int = 3200) -> None:
    for part in chunks(pcm, frame):
        await ws.send(part)


async def refusal(emu: EmulatorHandle, model: str, query: str, headers: dict[str, str]) -> Any:
    with pytest.raises(websockets.InvalidStatus) as caught:
        async with websockets.connect(url(emu, model, query), additional_headers=headers):
            pass
    response = caught.value.response
    return response.status_code, json.loads(response.body)


@pytest.mark.parametrize("model", [NOVA, NOVA_INTERNAL])
async def test_v1_stream_gives_final_then_metadata_and_closes_1000(
    emulator: EmulatorHandle, weather_pcm: bytes, model: str
) -> None:
    query = RAW + "&punctuate=true&vad_events=true"
    async with connect(emulator, model, query) as ws:
        await send_audio(ws, weather_pcm + bytes(32000))
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert ws.close_code == 1000
    kinds = [m["type"] for m in messages]
    assert kinds[0] == "SpeechStarted"
    assert kinds[-1] == "Metadata"
    finals = [m for m in messages if m["type"] == "Results" and m["is_final"]]
    assert "park." in " ".join(m["channel"]["alternatives"][0]["transcript"] for m in finals)
    assert any(m["speech_final"] for m in finals)
    interims_after_final = [
        m
        for m in messages[kinds.index("Results") :]
        if m["type"] == "Results" and not m["is_final"] and m["start"] < finals[0]["start"]
    ]
    assert interims_after_final == []


async def test_v1_utterance_end_follows_the_final(
    emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    query = RAW + "&interim_results=true&utterance_end_ms=1000"
    async with connect(emulator, NOVA, query) as ws:
        await send_audio(ws, weather_pcm + bytes(32000 * 2))
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    kinds = [(m["type"], m.get("speech_final")) for m in messages]
    assert kinds.index(("UtteranceEnd", None)) > kinds.index(("Results", True))
    assert kinds[-1] == ("Metadata", None)


async def test_v1_finalize_answers_from_finalize(
    emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    async with connect(emulator, NOVA) as ws:
        await send_audio(ws, weather_pcm[:32000])
        await ws.send(json.dumps({"type": "Finalize"}))
        while True:
            message = json.loads(await ws.recv())
            if message.get("from_finalize"):
                break
        await ws.send(CLOSE)
        rest = await receive_all(ws)
    assert message["is_final"] is True
    assert rest[-1]["type"] == "Metadata"


async def test_flux_turn_events_in_order(emulator: EmulatorHandle, weather_pcm: bytes) -> None:
    async with connect(emulator, FLUX, RAW + "&eager_eot_threshold=0.4") as ws:
        await send_audio(ws, weather_pcm + bytes(32000), frame=2560)
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert ws.close_code == 1000
    kinds = [m.get("event", m["type"]) for m in messages if m.get("event") != "Update"]
    assert kinds == ["Connected", "StartOfTurn", "EagerEndOfTurn", "EndOfTurn"]
    assert [m["sequence_id"] for m in messages] == list(range(len(messages)))
    assert "park" in messages[-1]["transcript"].lower()


async def test_flux_configure_and_force_end_turn(
    emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    async with connect(emulator, FLUX) as ws:
        connected = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "Configure", "thresholds": {"eot_threshold": 2}}))
        failure = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "Configure", "thresholds": {"eot_threshold": 0.8}}))
        success = json.loads(await ws.recv())
        await send_audio(ws, weather_pcm[:48000], frame=2560)
        await ws.send(json.dumps({"type": "ForceEndTurn"}))
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert (connected["type"], failure["type"], success["type"]) == (
        "Connected",
        "ConfigureFailure",
        "ConfigureSuccess",
    )
    end = next(m for m in messages if m.get("event") == "EndOfTurn")
    assert end["trigger"] == "manual"


async def test_idle_client_is_closed_with_net_0001(emulator: EmulatorHandle) -> None:
    async with connect(emulator, NOVA) as ws:
        messages = await receive_all(ws)
    assert messages == []
    assert (ws.close_code, ws.close_reason) == (1011, "NET-0001")


async def test_keepalive_keeps_the_session_open(emulator: EmulatorHandle) -> None:
    async with connect(emulator, NOVA) as ws:
        for _ in range(6):  # 1.2 s in all, twice the emulator's idle timeout
            await ws.send(json.dumps({"type": "KeepAlive"}))
            await asyncio.sleep(0.2)
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    assert ws.close_code == 1000
    assert messages[-1]["type"] == "Metadata"
    assert messages[-1]["duration"] == 0


async def test_flux_has_no_keepalive_so_a_keepalive_frame_does_not_keep_it_open(
    emulator: EmulatorHandle,
) -> None:
    async def keepalives_only(ws: ClientConnection) -> None:
        for _ in range(10):  # 2 s in all, four times the emulator's idle timeout
            await ws.send(json.dumps({"type": "KeepAlive"}))
            await asyncio.sleep(0.2)

    async with connect(emulator, FLUX) as ws:
        with pytest.raises(websockets.ConnectionClosedError):
            await keepalives_only(ws)
    assert (ws.close_code, ws.close_reason) == (1011, "NET-0001")


async def test_undecodable_audio_closes_with_data_error(emulator: EmulatorHandle) -> None:
    async with connect(emulator, NOVA, "") as ws:
        await ws.send(b"definitely not audio" * 50)
        await ws.send(CLOSE)
        await receive_all(ws)
    assert (ws.close_code, ws.close_reason) == (1008, "DATA-0000")


@pytest.mark.parametrize(
    ("model", "query", "headers", "status", "code"),
    [
        (NOVA, RAW, {}, 401, 10000),
        (NOVA, RAW, {"Authorization": "Bearer wrong"}, 401, 10000),
        (NOVA, RAW, {"Authorization": "Token x"}, 400, 6003),
        (NOVA, "encoding=linear16", None, 400, 5006),
        (NOVA, RAW + "&interim_results=maybe", None, 400, 5006),
        (NOVA, RAW + "&language=xx", None, 400, 5006),
        (NOVA, RAW + "&utterance_end_ms=10", None, 400, 5006),
        (FLUX, "encoding=mulaw&sample_rate=16000", None, 400, 5006),
        (FLUX, "encoding=linear16&sample_rate=16k", None, 400, 5006),
        (FLUX, RAW + "&eot_threshold=0.95", None, 400, 5006),
        (FLUX, RAW + "&interim_results=true", None, 400, 5006),
        ("@cf/openai/whisper", RAW, None, 400, 5006),
    ],
)
async def test_handshake_refusals_carry_cloudflare_envelopes(
    emulator: EmulatorHandle,
    model: str,
    query: str,
    headers: dict[str, str] | None,
    status: int,
    code: int,
) -> None:
    got_status, body = await refusal(
        emulator, model, query, emulator.auth_headers if headers is None else headers
    )
    assert got_status == status
    assert body["success"] is False
    assert body["errors"][0]["code"] == code


async def test_bad_account_id_is_refused(emulator: EmulatorHandle) -> None:
    bad = emulator.websocket_url(NOVA).replace(emulator.account_id, "not-an-account")
    with pytest.raises(websockets.InvalidStatus) as caught:
        async with websockets.connect(f"{bad}?{RAW}", additional_headers=emulator.auth_headers):
            pass
    body = json.loads(caught.value.response.body)
    assert caught.value.response.status_code == 400
    assert body["errors"][0]["code"] == 7003


async def _speech_finals(emu: EmulatorHandle, pcm: bytes, endpointing: str) -> list[float]:
    """Where each speech_final span ends, streaming ``pcm`` with that endpointing."""
    async with connect(emu, NOVA, f"{RAW}&endpointing={endpointing}") as ws:
        await send_audio(ws, pcm)
        await ws.send(CLOSE)
        messages = await receive_all(ws)
    return [
        m["start"] + m["duration"] for m in messages if m["type"] == "Results" and m["speech_final"]
    ]


async def test_endpointing_follows_the_request_below_300_ms(
    emulator: EmulatorHandle, two_sentences_pcm: bytes
) -> None:
    at_10 = await _speech_finals(emulator, two_sentences_pcm, "10")
    at_100 = await _speech_finals(emulator, two_sentences_pcm, "100")
    at_300 = await _speech_finals(emulator, two_sentences_pcm, "300")
    assert len(at_300) == 2  # the pause between the two sentences, and the end
    assert len(at_10) > len(at_300)  # Deepgram's default also ends at pauses between words
    # The span after the first sentence ends 200 ms sooner, to within one 32 ms VAD frame.
    assert at_300[0] - at_100[0] == pytest.approx(0.2, abs=0.033)


async def test_injected_close_after_messages(emulator: EmulatorHandle, weather_pcm: bytes) -> None:
    fault = {"cf-emulator-fault": "ws-close=1011;after-messages=2;reason=boom"}
    async with connect(emulator, FLUX, **fault) as ws:
        await send_audio(ws, weather_pcm, frame=2560)
        messages = await receive_all(ws)
    assert len(messages) == 2
    assert (ws.close_code, ws.close_reason) == (1011, "boom")


async def test_injected_fatal_error_sends_flux_error_then_1011(
    emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    fault = {"cf-emulator-fault": "ws-error;after-messages=2;code=SOME_CODE"}
    async with connect(emulator, FLUX, **fault) as ws:
        await send_audio(ws, weather_pcm, frame=2560)
        messages = await receive_all(ws)
    assert len(messages) == 3
    error = messages[-1]
    assert error["type"] == "Error"
    assert error["code"] == "SOME_CODE"
    assert error["sequence_id"] > messages[-2]["sequence_id"]
    assert (ws.close_code, ws.close_reason) == (1011, "SOME_CODE")


async def test_a_crashing_flux_session_reports_error_before_closing(
    emulator: EmulatorHandle, weather_pcm: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(FluxRecognizer, "feed_audio", crash)
    async with connect(emulator, FLUX) as ws:
        await ws.send(weather_pcm[:2560])
        messages = await receive_all(ws)
    assert [m["type"] for m in messages] == ["Connected", "Error"]
    assert messages[-1]["code"] == "INTERNAL_SERVER_ERROR"
    assert "engine exploded" not in messages[-1]["description"]
    assert (ws.close_code, ws.close_reason) == (1011, "INTERNAL_SERVER_ERROR")


async def test_injected_fatal_error_on_nova3_is_a_bare_1011(emulator: EmulatorHandle) -> None:
    async with connect(emulator, NOVA, **{"cf-emulator-fault": "ws-error"}) as ws:
        messages = await receive_all(ws)
    assert messages == []
    assert (ws.close_code, ws.close_reason) == (1011, "INTERNAL_SERVER_ERROR")


async def test_injected_1006_drops_the_connection(emulator: EmulatorHandle) -> None:
    async with connect(emulator, FLUX, **{"cf-emulator-fault": "ws-close=1006"}) as ws:
        messages = await receive_all(ws)
    assert messages == []
    assert ws.close_code == 1006
    assert ws.protocol.close_rcvd is None  # no close frame: the TCP connection was dropped


async def test_injected_close_after_seconds(emulator: EmulatorHandle) -> None:
    fault = {"cf-emulator-fault": "ws-close=1011;after-seconds=0.2"}
    async with connect(emulator, NOVA, **fault) as ws:
        for _ in range(20):
            try:
                await ws.send(json.dumps({"type": "KeepAlive"}))
            except websockets.ConnectionClosed:
                break
            await asyncio.sleep(0.1)
        await receive_all(ws)
    assert (ws.close_code, ws.close_reason) == (1011, "emulator fault")


async def test_injected_stall_sends_nothing_more(
    emulator: EmulatorHandle, weather_pcm: bytes
) -> None:
    async with connect(emulator, FLUX, **{"cf-emulator-fault": "ws-stall;after-messages=1"}) as ws:
        await send_audio(ws, weather_pcm, frame=2560)
        await ws.send(CLOSE)
        messages = await receive_all(ws)  # ends at the idle timeout: nothing was answered
    assert [m["type"] for m in messages] == ["Connected"]
    assert (ws.close_code, ws.close_reason) == (1011, "NET-0001")


async def test_injected_handshake_refusal(emulator: EmulatorHandle) -> None:
    headers = {**emulator.auth_headers, "cf-emulator-fault": "ws-refuse;status=503"}
    status, body = await refusal(emulator, NOVA, RAW, headers)
    assert status == 503
    assert body["success"] is False


@pytest.fixture
def capped_emulator() -> Iterator[EmulatorHandle]:
    """Its own server, so no session of an earlier test can hold a slot (the cap is about
    counting sessions, not recognising speech: skip mode)."""
    with run_emulator(engine_mode="skip", max_ws_sessions=MAX_SESSIONS) as handle:
        yield handle


async def test_sessions_over_the_cap_are_refused(capped_emulator: EmulatorHandle) -> None:
    emulator = capped_emulator
    open_sessions = [connect(emulator, NOVA) for _ in range(MAX_SESSIONS)]
    sockets = [await session.__aenter__() for session in open_sessions]
    try:
        status, body = await refusal(emulator, NOVA, RAW, emulator.auth_headers)
        assert status == 429
        assert body["errors"][0]["code"] == 3040
    finally:
        for session, ws in zip(open_sessions, sockets, strict=True):
            await ws.send(CLOSE)
            await receive_all(ws)
            await session.__aexit__(None, None, None)
