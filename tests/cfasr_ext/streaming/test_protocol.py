"""The sans-I/O cores, without sockets: options, frames, parsing, keepalive, accounting."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfasr_ext._config import resolve_settings
from cfasr_ext._errors import OptionError
from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._listen_v1 import ListenV1Protocol
from cfasr_ext.streaming._listen_v2 import ListenV2Protocol
from cfasr_ext.streaming._protocol import StreamState
from cfasr_ext.streaming._stream_errors import (
    StreamAudioError,
    StreamConnectionLostError,
    StreamIdleTimeoutError,
    StreamProtocolError,
    StreamServerError,
    StreamStateError,
    close_error,
)
from cfasr_ext.streaming._stream_options import FluxStreamOptions, Nova3StreamOptions

ACCOUNT = "0123456789abcdef0123456789abcdef"


def v1(**options: object) -> ListenV1Protocol:
    opts = Nova3StreamOptions.from_kwargs(encoding="linear16", sample_rate=16000, **options)
    protocol = ListenV1Protocol(opts, keepalive_interval=4.0)
    protocol.connection_made(0.0)
    return protocol


def v2(**options: object) -> ListenV2Protocol:
    protocol = ListenV2Protocol(FluxStreamOptions.from_kwargs(**options), keepalive_interval=4.0)
    protocol.connection_made(0.0)
    return protocol


def results(start: float, words: list[tuple[str, float, float]], *, final: bool) -> str:
    return json.dumps(
        {
            "type": "Results",
            "channel_index": [0, 1],
            "start": start,
            "duration": 1.0,
            "is_final": final,
            "channel": {
                "alternatives": [
                    {
                        "transcript": " ".join(w for w, _s, _e in words),
                        "confidence": 0.9,
                        "words": [
                            {"word": w, "start": s, "end": e, "confidence": 0.8}
                            for w, s, e in words
                        ],
                    }
                ]
            },
        }
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sample_rate": "fast"}, "sample_rate"),
        ({"language": "xx"}, "language"),
        ({"utterance_end_ms": 0.5, "interim_results": True}, "utterance_end_ms"),
        ({"utterance_end_ms": 1000}, "interim_results"),
        ({"punctuate": "yes"}, "punctuate"),
        ({"redact": "pii"}, "redact"),  # pre-recorded only: not a streaming value
        ({"replace": "no-colon"}, "replace"),
        ({"colour": "red"}, "unknown option"),
    ],
)
def test_bad_nova3_options_raise_option_error_naming_the_option(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(OptionError, match=message):
        Nova3StreamOptions.from_kwargs(**{"encoding": "linear16", "sample_rate": 16000, **options})


def test_values_only_the_emulator_limits_are_taken() -> None:
    # sample_rate 10, utterance_end_ms 500 and an empty keyterm: no source bounds them.
    options = Nova3StreamOptions.from_kwargs(
        encoding="linear16",
        sample_rate=10,
        utterance_end_ms=500,
        interim_results=True,
        keyterm=[""],
    )
    assert ("sample_rate", "10") in options.query()
    assert ("utterance_end_ms", "500") in options.query()
    assert ("keyterm", "") in options.query()


def test_raw_encoding_without_sample_rate_is_refused() -> None:
    with pytest.raises(OptionError, match="sample_rate"):
        Nova3StreamOptions(encoding="linear16")


@pytest.mark.parametrize(
    "options",
    [
        {"eot_threshold": 0.95},
        {"eager_eot_threshold": "0.1"},
        {"eot_timeout_ms": 100},
        {"encoding": "mulaw"},
        {"mip_opt_out": "maybe"},
        {"interim_results": True},
    ],
)
def test_bad_flux_options_raise_option_error(options: dict[str, object]) -> None:
    with pytest.raises(OptionError):
        FluxStreamOptions.from_kwargs(**options)


def test_flux_query_is_all_strings_and_repeats_keyterm() -> None:
    options = FluxStreamOptions(eot_threshold="0.8", eot_timeout_ms=3000, keyterm=["a", "b"])  # type: ignore[arg-type]
    assert options.query() == [
        ("encoding", "linear16"),
        ("sample_rate", "16000"),
        ("eot_threshold", "0.8"),
        ("eot_timeout_ms", "3000"),
        ("keyterm", "a"),
        ("keyterm", "b"),
    ]


def test_direct_and_gateway_urls_and_headers() -> None:
    direct = resolve_settings(api_token="tok-123456", account_id=ACCOUNT, environ={})
    url, headers = v1(interim_results=True).request(direct)
    assert url == (
        f"wss://api.cloudflare.com/client/v4/accounts/{ACCOUNT}/ai/run/@cf/deepgram/nova-3"
        "?encoding=linear16&sample_rate=16000&interim_results=true"
    )
    assert headers == {"Authorization": "Bearer tok-123456"}
    gateway = resolve_settings(
        api_token="tok-123456",
        account_id=ACCOUNT,
        gateway_id="gw",
        gateway_token="gwt-9999",
        environ={},
    )
    url, headers = v2().request(gateway)
    assert url == (
        f"wss://gateway.ai.cloudflare.com/v1/{ACCOUNT}/gw/workers-ai"
        "?model=@cf/deepgram/flux&encoding=linear16&sample_rate=16000"
    )
    assert headers["cf-aig-authorization"] == "Bearer gwt-9999"


def test_client_messages_are_the_documented_text_frames() -> None:
    protocol = v1()
    assert protocol.finalize(1.0) == '{"type":"Finalize"}'
    assert protocol.close_stream(1.0) == '{"type":"CloseStream"}'
    assert protocol.state is StreamState.CLOSING
    with pytest.raises(StreamStateError):
        protocol.audio(b"\0\0", 2.0)
    flux = v2()
    assert json.loads(flux.configure(0.0, eot_threshold=0.8, keyterms=["x"])) == {
        "type": "Configure",
        "thresholds": {"eot_threshold": 0.8},
        "keyterms": ["x"],
    }
    assert flux.force_end_turn(0.0) == '{"type":"ForceEndTurn"}'
    with pytest.raises(OptionError):
        flux.configure(0.0, eot_threshold=2.0)


def test_configure_takes_one_keyterm_as_text_like_the_options_do() -> None:
    flux = v2()
    one: Any = "cfasr"  # typed list[str]; untyped callers pass one term as the options allow
    assert json.loads(flux.configure(0.0, keyterms=one))["keyterms"] == ["cfasr"]


def test_v1_keepalive_is_due_only_after_the_interval_of_silence() -> None:
    protocol = v1()
    assert protocol.keepalive(3.9) is None
    assert protocol.keepalive(4.0) == '{"type":"KeepAlive"}'
    assert protocol.next_keepalive_at() == 8.0
    protocol.audio(b"\0" * 320, 6.0)
    assert protocol.keepalive(8.0) is None
    assert protocol.next_keepalive_at() == 10.0
    protocol.close_stream(7.0)
    assert protocol.next_keepalive_at() is None


def test_flux_keepalive_is_20ms_of_silence_that_counts_as_audio() -> None:
    protocol = v2()
    frame = protocol.keepalive(4.0)
    assert frame == bytes(640)
    assert protocol.ledger.total_seconds == pytest.approx(0.02)


def test_v1_dispatch_and_final_accounting() -> None:
    protocol = v1()
    protocol.audio(bytes(32000 * 3), 0.0)
    (event,) = protocol.receive(results(0.0, [("hi", 0.1, 0.5)], final=True))
    assert isinstance(event, ev.Results)
    assert event.transcript == "hi"
    assert protocol.finals == [event]
    assert protocol.ledger.start_seconds == pytest.approx(1.0)
    assert protocol.ledger.buffered_seconds == pytest.approx(2.0)
    (end,) = protocol.receive('{"type":"UtteranceEnd","channel":[0,1],"last_word_end":0.5}')
    assert isinstance(end, ev.UtteranceEnd)
    (started,) = protocol.receive('{"type":"SpeechStarted","channel":[0],"timestamp":1.5}')
    assert isinstance(started, ev.SpeechStarted)


def test_resume_resends_uncovered_audio_and_shifts_later_times() -> None:
    protocol = v1()
    audio = bytes(range(256)) * 250  # 2 s
    protocol.audio(audio, 0.0)
    protocol.receive(results(0.0, [("a", 0.1, 0.5)], final=True))
    protocol.close_stream(1.0)
    assert isinstance(protocol.connection_lost(None, ""), StreamConnectionLostError)
    frames = protocol.resume(2.0)
    assert b"".join(f for f in frames if isinstance(f, bytes)) == audio[32000:]
    assert frames[-1] == '{"type":"CloseStream"}'
    (event,) = protocol.receive(results(0.0, [("b", 0.1, 0.5)], final=True))
    assert isinstance(event, ev.Results)
    assert event.start == pytest.approx(1.0)
    assert event.words[0].start == pytest.approx(1.1)


def test_flux_turn_events_dispatch_on_event_when_type_is_missing() -> None:
    protocol = v2()
    kinds = {
        "StartOfTurn": ev.StartOfTurn,
        "Update": ev.Update,
        "EagerEndOfTurn": ev.EagerEndOfTurn,
        "TurnResumed": ev.TurnResumed,
        "EndOfTurn": ev.EndOfTurn,
    }
    for name, kind in kinds.items():
        for message in (
            {"type": "TurnInfo", "event": name, "turn_index": 0, "transcript": "x"},
            {"event": name, "turn_index": 0, "transcript": "x"},
        ):
            (event,) = protocol.receive(json.dumps(message))
            assert type(event) is kind
    assert isinstance(
        protocol.receive('{"type":"Connected","request_id":"r","sequence_id":0}')[0], ev.Connected
    )
    assert isinstance(protocol.receive('{"type":"ConfigureFailure"}')[0], ev.ConfigureFailure)
    (error,) = protocol.receive('{"type":"Error","code":"INTERNAL","description":"boom"}')
    assert isinstance(error, ev.ErrorMessage)
    assert isinstance(protocol.connection_lost(1011, ""), StreamServerError)


def test_unknown_and_ill_shaped_messages_become_unknown_message() -> None:
    protocol = v1()
    (unknown,) = protocol.receive('{"type":"Brand-new","x":1}')
    assert unknown == ev.UnknownMessage({"type": "Brand-new", "x": 1})
    (bad,) = protocol.receive('{"type":"Results","start":"soon"}')
    assert isinstance(bad, ev.UnknownMessage)
    assert bad.reason is not None
    assert bad.raw == {"type": "Results", "start": "soon"}


@pytest.mark.parametrize("frame", ["not json", "[1, 2]", "3", b"\x00\x01"])
def test_frames_that_are_not_json_objects_raise_stream_protocol_error(frame: str | bytes) -> None:
    with pytest.raises(StreamProtocolError):
        v1().receive(frame)


@pytest.mark.parametrize(
    ("code", "reason", "kind", "retryable"),
    [
        (None, "", StreamConnectionLostError, True),
        (1006, "", StreamConnectionLostError, True),
        (1011, "NET-0001", StreamIdleTimeoutError, True),
        (1011, "NET-0000", StreamIdleTimeoutError, True),
        (1008, "DATA-0000", StreamAudioError, False),
        (1002, "DATA-0000", StreamAudioError, False),
        (1011, "", StreamServerError, True),
        (1008, "policy", StreamServerError, False),
    ],
)
def test_close_codes_map_to_typed_errors(
    code: int | None, reason: str, kind: type[Exception], retryable: bool
) -> None:
    error = close_error(code, reason)
    assert type(error) is kind
    assert error is not None
    assert error.retryable is retryable
    assert close_error(1000, "") is None


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=5,
)
message_types = st.sampled_from(
    [
        "Results",
        "Metadata",
        "UtteranceEnd",
        "SpeechStarted",
        "Connected",
        "TurnInfo",
        "ConfigureSuccess",
        "ConfigureFailure",
        "Error",
        "Other",
    ]
)


@given(
    kind=message_types,
    fields=st.dictionaries(
        st.sampled_from(
            [
                "start",
                "duration",
                "channel",
                "is_final",
                "event",
                "turn_index",
                "transcript",
                "words",
                "last_word_end",
                "timestamp",
                "request_id",
                "code",
                "description",
                "audio_window_end",
                "channel_index",
            ]
        ),
        json_values,
        max_size=6,
    ),
    flux=st.booleans(),
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_random_json_messages_never_crash_the_parser(
    kind: str, fields: dict[str, object], flux: bool
) -> None:
    protocol = v2() if flux else v1()
    protocol.audio(bytes(3200), 0.0)
    try:
        events = protocol.receive(json.dumps({"type": kind, **fields}))
    except StreamProtocolError:
        return  # e.g. NaN is not valid JSON on the way in
    assert len(events) == 1


@given(st.binary(max_size=64) | st.text(max_size=64))
def test_random_frames_never_crash_the_parser(frame: bytes | str) -> None:
    try:
        events = v1().receive(frame)
    except StreamProtocolError:
        return
    assert len(events) == 1
