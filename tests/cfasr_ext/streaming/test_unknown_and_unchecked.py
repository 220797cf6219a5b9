"""What the spec does not know yet, over a real socket: message types Deepgram adds arrive as
`UnknownMessage` events (the session carries on), and `extra_query` reaches the server.

deepgram-sdk broke for its users when Deepgram added `ConfigureSuccess`; these sessions must
not. The scripted server greets each connection with messages no schema lists.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

import cfasr_ext as cf
from cfasr_ext.streaming import (
    connect_flux,
    connect_flux_sync,
    connect_nova3,
    connect_nova3_internal,
    connect_nova3_sync,
)
from tests.cfasr_ext.streaming.conftest import fake_deepgram_in_thread, settings_for
from tests.cfasr_ext.streaming.fake_deepgram import Script, chunks, fake_deepgram, word_audio

PCM: dict[str, Any] = {"encoding": "linear16", "sample_rate": 16000}
BRAND_NEW = {"type": "BrandNewNotice", "detail": {"level": 2}, "request_id": "req-9"}
FLUX_ONLY = {"type": "ConfigureSuccess", "request_id": "req-9", "thresholds": {}}
"""A v2 message arriving on a v1 session: a type this protocol has never seen."""
UNTYPED = {"note": "no type at all"}


def _unknown(events: list[Any]) -> list[cf.UnknownMessage]:
    return [e for e in events if isinstance(e, cf.UnknownMessage)]


def _query(script: Script) -> list[tuple[str, str]]:
    (request,) = script.requests
    return urllib.parse.parse_qsl(urllib.parse.urlsplit(request.path).query)


async def test_nova3_hands_unknown_types_to_the_user_and_keeps_transcribing() -> None:
    script = Script(greeting=[BRAND_NEW, FLUX_ONLY, UNTYPED])
    async with fake_deepgram(script) as server:
        async with connect_nova3(settings_for(server), **PCM) as stream:
            for chunk in chunks(word_audio([1, 2, 0])):
                await stream.send(chunk)
        events = [event async for event in stream]
    unknown = _unknown(events)
    assert [u.type for u in unknown] == ["BrandNewNotice", "ConfigureSuccess", None]
    assert [u.raw for u in unknown] == [BRAND_NEW, FLUX_ONLY, UNTYPED]
    assert all(u.reason is None for u in unknown)
    assert isinstance(events[-1], cf.Metadata)
    assert stream.transcript().text == "w1 w2"


async def test_flux_hands_unknown_types_to_the_user_and_keeps_its_turns() -> None:
    script = Script(greeting=[BRAND_NEW, {"type": "Results", "is_final": True}])
    async with fake_deepgram(script) as server:
        async with connect_flux(settings_for(server)) as stream:
            for chunk in chunks(word_audio([1, 2, 0])):
                await stream.send(chunk)
        events = [event async for event in stream]
    assert [(u.type, u.raw) for u in _unknown(events)] == [
        ("BrandNewNotice", BRAND_NEW),
        ("Results", {"type": "Results", "is_final": True}),
    ]
    assert any(isinstance(e, cf.EndOfTurn) for e in events)
    assert stream.transcript().text == "w1 w2"


@pytest.mark.parametrize("twin", ["nova3", "flux"])
def test_the_blocking_twin_yields_unknown_messages_too(twin: str) -> None:
    with fake_deepgram_in_thread(Script(greeting=[BRAND_NEW])) as settings:
        connect = connect_nova3_sync if twin == "nova3" else connect_flux_sync
        with connect(settings, **PCM) as stream:
            for chunk in chunks(word_audio([3, 0])):
                stream.send(chunk)
        events = list(stream)
    assert [(u.type, u.raw) for u in _unknown(events)] == [("BrandNewNotice", BRAND_NEW)]
    assert stream.transcript().text == "w3"


@pytest.mark.parametrize("connect", [connect_nova3, connect_nova3_internal])
async def test_nova3_extra_query_reaches_the_server_replacing_same_names(connect: Any) -> None:
    script = Script()
    extra = {"interim_results": "false", "brand_new": ["a", "b"], "sample_rate": None}
    async with (
        fake_deepgram(script) as server,
        connect(settings_for(server), interim_results=True, extra_query=extra, **PCM) as stream,
    ):
        await stream.send(word_audio([1, 0]))
    assert _query(script) == [
        ("encoding", "linear16"),
        ("interim_results", "false"),
        ("brand_new", "a"),
        ("brand_new", "b"),
    ]
    assert not [
        e for e in [e async for e in stream] if isinstance(e, cf.Results) and not e.is_final
    ]


async def test_flux_extra_query_reaches_the_server_after_a_reconnect_too() -> None:
    script = Script(drop_after_blocks=1)
    async with (
        fake_deepgram(script) as server,
        connect_flux(
            settings_for(server), extra_query={"brand_new": 1, "eot_threshold": "0.95"}
        ) as stream,
    ):
        for chunk in chunks(word_audio([1, 2, 0])):
            await stream.send(chunk)
    paths = [urllib.parse.urlsplit(r.path).query for r in script.requests]
    assert len(paths) == 2  # the resumed connection asks for the same options
    for query in paths:
        pairs = urllib.parse.parse_qsl(query)
        assert ("brand_new", "1") in pairs
        assert [v for k, v in pairs if k == "eot_threshold"] == ["0.95"]


def test_stream_extra_query_is_checked_for_encodability_before_connecting() -> None:
    settings = cf.resolve_settings(api_token="t", account_id="a" * 32, environ={})
    with pytest.raises(cf.OptionError, match="extra_query"):
        connect_nova3(settings, extra_query={"x": {"nested": 1}})
    with pytest.raises(cf.OptionError, match="extra_query"):
        connect_flux_sync(settings, extra_query={"x": object()})
