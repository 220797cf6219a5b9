"""nova-3 sessions against a real local WebSocket server speaking Deepgram v1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cfasr_ext._errors import AuthenticationError, BadRequestError
from cfasr_ext.streaming import (
    Metadata,
    Reconnected,
    Reconnecting,
    ReconnectPolicy,
    Results,
    StreamConnectionLostError,
    StreamIdleTimeoutError,
    StreamStateError,
    UtteranceEnd,
    connect_nova3,
    connect_nova3_internal,
)
from cfasr_ext.streaming._events import StreamEvent
from tests.cfasr_ext.streaming.conftest import settings_for, until
from tests.cfasr_ext.streaming.fake_deepgram import Script, chunks, fake_deepgram, word_audio

WORDS = [1, 2, 3, 0, 4, 5, 6, 7, 0, 8, 9, 10]
PCM: dict[str, Any] = {"encoding": "linear16", "sample_rate": 16000}


async def collect(stream: Any) -> list[StreamEvent]:
    return [event async for event in stream]


async def send_all_then_close(stream: Any, audio: bytes) -> None:
    for chunk in chunks(audio):
        await stream.send(chunk)
    await stream.close()


async def run_stream(
    script: Script, values: list[int], **kwargs: Any
) -> tuple[Any, list[StreamEvent]]:
    async with fake_deepgram(script) as server:
        options = {**PCM, **kwargs}
        async with connect_nova3(settings_for(server), **options) as stream:
            for chunk in chunks(word_audio(values)):
                await stream.send(chunk)
        return stream, await collect(stream)


async def test_clean_close_delivers_every_final_and_the_metadata_last() -> None:
    stream, events = await run_stream(Script(), WORDS)
    finals = [e for e in events if isinstance(e, Results) and e.is_final]
    assert " ".join(e.transcript for e in finals if e.transcript).split() == [
        f"w{n}" for n in WORDS if n
    ]
    assert isinstance(events[-1], Metadata)
    assert stream.transcript().text == " ".join(f"w{n}" for n in WORDS if n)


async def test_interim_results_speech_final_and_utterance_end_arrive_typed() -> None:
    _, events = await run_stream(Script(), WORDS, interim_results=True, utterance_end_ms=1000)
    results = [e for e in events if isinstance(e, Results)]
    assert any(not e.is_final for e in results)
    assert any(e.speech_final for e in results)
    assert [e.last_word_end for e in events if isinstance(e, UtteranceEnd)] == [
        pytest.approx(1.4),
        pytest.approx(4.9),
    ]


async def test_query_path_and_auth_header_reach_the_server() -> None:
    script = Script()
    await run_stream(script, [1, 2], interim_results=True, keyterm=["a b", "c"])
    request = script.requests[0]
    assert request.path.startswith(
        "/client/v4/accounts/0123456789abcdef0123456789abcdef/ai/run/@cf/deepgram/nova-3?"
    )
    assert "interim_results=true" in request.path
    assert "keyterm=a%20b&keyterm=c" in request.path
    assert request.headers["Authorization"] == "Bearer test-token-abcdef"


async def test_nova3_internal_uses_its_own_model_path() -> None:
    script = Script()
    async with fake_deepgram(script) as server:
        async with connect_nova3_internal(settings_for(server), **PCM) as stream:
            await stream.send(word_audio([1, 2]))
        assert stream.transcript().text == "w1 w2"
    assert "/@cf/deepgram/nova-3-internal?" in script.requests[0].path


async def test_finalize_flushes_the_pending_block_as_from_finalize() -> None:
    async with fake_deepgram(Script()) as server:
        async with connect_nova3(settings_for(server), **PCM) as stream:
            await stream.send(word_audio([1, 2, 3]))
            await stream.finalize()
        events = await collect(stream)
    flushed = [e for e in events if isinstance(e, Results) and e.from_finalize]
    assert [e.transcript for e in flushed] == ["w3"]


async def test_keepalive_is_sent_while_no_audio_flows() -> None:
    script = Script()
    async with (
        fake_deepgram(script) as server,
        connect_nova3(settings_for(server), keepalive_interval=0.05, **PCM) as stream,
    ):
        await stream.send(word_audio([1]))
        await until(lambda: script.texts.count('{"type":"KeepAlive"}') >= 2, "two KeepAlives")
    assert script.texts[-1] == '{"type":"CloseStream"}'


async def test_no_keepalive_while_audio_keeps_flowing() -> None:
    script = Script()
    async with (
        fake_deepgram(script) as server,
        connect_nova3(settings_for(server), keepalive_interval=3600, **PCM) as stream,
    ):
        for chunk in chunks(word_audio([1, 2, 3, 4])):
            await stream.send(chunk)
    assert script.texts == ['{"type":"CloseStream"}']


async def test_handshake_401_raises_authentication_error_with_the_envelope() -> None:
    async with fake_deepgram(Script()) as server:
        with pytest.raises(AuthenticationError) as info:
            async with connect_nova3(settings_for(server, token="wrong-token-xyz"), **PCM):
                pass
    assert info.value.status_code == 401
    assert info.value.code == 10000
    assert "wrong-token-xyz" not in str(info.value)
    assert "wrong-token-xyz" not in repr(info.value)


async def test_handshake_400_raises_bad_request_with_cloudflare_message() -> None:
    body = json.dumps(
        {
            "success": False,
            "errors": [{"message": "Invalid query parameter: language"}],
            "result": None,
        }
    ).encode()
    async with fake_deepgram(Script(refuse_status=400, refuse_body=body)) as server:
        with pytest.raises(BadRequestError, match="Invalid query parameter") as info:
            await connect_nova3(settings_for(server), **PCM).connect()
    assert info.value.request_id == "req-refused"


@pytest.mark.parametrize(
    ("how", "error"),
    [("abort", StreamConnectionLostError), ("close", StreamIdleTimeoutError)],
)
async def test_abnormal_close_without_reconnect_raises_a_typed_error(
    how: str, error: type[Exception]
) -> None:
    async with fake_deepgram(Script(drop_after_blocks=3, drop_how=how)) as server:
        stream = connect_nova3(settings_for(server), reconnect=None, **PCM)
        await stream.connect()
        with pytest.raises(error):
            await send_all_then_close(stream, word_audio(WORDS))
        with pytest.raises(error):
            await collect(stream)


@pytest.mark.parametrize("how", ["abort", "close"])
async def test_reconnect_mid_stream_loses_and_duplicates_nothing(how: str) -> None:
    values = list(range(1, 30))
    undisturbed, _ = await run_stream(Script(), values)
    script = Script(drop_after_blocks=7, drop_how=how)
    policy = ReconnectPolicy(backoff=0.01)
    disturbed, events = await run_stream(script, values, reconnect=policy)
    assert script.connections == 2
    assert any(isinstance(e, Reconnecting) for e in events)
    (reconnected,) = [e for e in events if isinstance(e, Reconnected)]
    assert reconnected.lossless
    assert disturbed.transcript().words == undisturbed.transcript().words
    assert disturbed.transcript().text == " ".join(f"w{n}" for n in values)


async def test_send_after_close_is_a_state_error() -> None:
    async with fake_deepgram(Script()) as server:
        stream = connect_nova3(settings_for(server), **PCM)
        async with stream:
            await stream.send(word_audio([1]))
        with pytest.raises(StreamStateError):
            await stream.send(b"\0\0")
