"""Results and turn events build their generated model on first read: the checks must vouch
for every message they let through, and the conveniences must read what the model says."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cfasr_client.models import FluxTurnInfo, Nova3ResultsMessage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._listen_v1 import ListenV1Protocol
from cfasr_ext.streaming._listen_v2 import ListenV2Protocol
from cfasr_ext.streaming._stream_options import FluxStreamOptions, Nova3StreamOptions

numbers = st.floats(allow_nan=False, allow_infinity=False, width=32) | st.integers(-1000, 1000)
odd = st.none() | st.booleans() | st.text(max_size=2) | st.lists(st.integers(), max_size=2)


def rarely_odd(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly `valid`, one time in eight an ill-typed value: most messages get through."""
    return st.integers(0, 7).flatmap(lambda n: odd if n == 0 else valid)


maybe_odd_number = rarely_odd(numbers)
word = st.fixed_dictionaries(
    {
        "word": st.text(max_size=3),
        "start": maybe_odd_number,
        "end": numbers,
        "confidence": numbers,
    },
    optional={"punctuated_word": st.text(max_size=3), "speaker": st.integers(0, 3)},
)
alternative = st.fixed_dictionaries(
    {"transcript": st.text(max_size=5), "words": st.lists(word, max_size=2)},
    optional={"confidence": maybe_odd_number, "languages": st.lists(st.text(max_size=2))},
)
results_messages = st.fixed_dictionaries(
    {
        "type": st.just("Results"),
        "start": numbers,
        "duration": maybe_odd_number,
        "channel": st.fixed_dictionaries({"alternatives": st.lists(alternative, max_size=2)}),
    },
    optional={
        "channel_index": rarely_odd(st.lists(st.integers(0, 2), max_size=2)),
        "is_final": rarely_odd(st.booleans()),
        "speech_final": st.booleans(),
        "from_finalize": st.booleans(),
        "metadata": st.fixed_dictionaries(
            {},
            optional={
                "request_id": st.text(max_size=3),
                "model_info": rarely_odd(
                    st.fixed_dictionaries({}, optional={"name": st.text(max_size=3)})
                    | st.lists(st.tuples(st.text(max_size=1), st.integers()), max_size=1)
                ),
            },
        ),
    },
)
turn_messages = st.fixed_dictionaries(
    {
        "event": st.sampled_from(["StartOfTurn", "Update", "EndOfTurn", "EagerEndOfTurn", "Nope"]),
        "turn_index": rarely_odd(st.integers(0, 5)),
        "transcript": rarely_odd(st.text(max_size=5)),
    },
    optional={
        "type": st.just("TurnInfo"),
        "audio_window_start": numbers,
        "audio_window_end": maybe_odd_number,
        "words": st.lists(
            st.fixed_dictionaries(
                {"word": st.text(max_size=3), "confidence": maybe_odd_number},
                optional={"start": numbers, "end": numbers},
            ),
            max_size=2,
        ),
        "trigger": st.text(max_size=3),
    },
)


def v1() -> ListenV1Protocol:
    protocol = ListenV1Protocol(Nova3StreamOptions(encoding="linear16", sample_rate=16000))
    protocol.connection_made(0.0)
    protocol.audio(bytes(32000), 0.0)
    return protocol


def v2() -> ListenV2Protocol:
    protocol = ListenV2Protocol(FluxStreamOptions())
    protocol.connection_made(0.0)
    return protocol


def model_or_error(build: Any, raw: dict[str, Any]) -> Any:
    try:
        return build(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return exc


@given(results_messages)
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
def test_a_results_event_is_made_only_when_its_model_builds(message: dict[str, Any]) -> None:
    text = json.dumps(message)
    (event,) = v1().receive(text)
    eager = model_or_error(Nova3ResultsMessage.from_dict, json.loads(text))
    if isinstance(eager, Exception):
        assert isinstance(event, ev.UnknownMessage)
        return
    if not isinstance(event, ev.Results):
        return  # refused by the checks (a bad number or flag)
    assert event.message == eager
    alternatives = eager.channel.alternatives
    assert event.transcript == (alternatives[0].transcript if alternatives else "")
    assert event.words == (list(alternatives[0].words) if alternatives else [])
    assert event.is_final is (eager.is_final is True)
    assert event.speech_final is (eager.speech_final is True)
    assert event.from_finalize is (eager.from_finalize is True)
    assert event.start == float(eager.start)
    assert event.end == float(eager.start) + float(eager.duration)


@given(turn_messages)
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
def test_a_turn_event_is_made_only_when_its_model_builds(message: dict[str, Any]) -> None:
    text = json.dumps(message)
    (event,) = v2().receive(text)
    eager = model_or_error(FluxTurnInfo.from_dict, json.loads(text))
    if isinstance(eager, Exception):
        assert isinstance(event, ev.UnknownMessage)
        return
    if not isinstance(event, ev.TurnInfo):
        return
    assert event.message == eager
    assert event.event == eager.event.value
    assert type(event).__name__ == eager.event.value
    assert event.transcript == eager.transcript
    assert event.turn_index == eager.turn_index
    assert event.words == ([] if eager.words is None else list(eager.words))


def test_events_made_from_a_model_read_like_parsed_ones() -> None:
    text = (
        '{"type":"Results","channel_index":[0,1],"start":1.5,"duration":0.5,"is_final":true,'
        '"channel":{"alternatives":[{"transcript":"hi","confidence":0.9,'
        '"words":[{"word":"hi","start":1.6,"end":1.9,"confidence":0.9}]}]}}'
    )
    (parsed,) = v1().receive(text)
    assert isinstance(parsed, ev.Results)
    made = ev.Results(Nova3ResultsMessage.from_dict(json.loads(text)))
    assert made == parsed
    assert (made.transcript, made.is_final, made.start, made.end) == ("hi", True, 1.5, 2.0)
    assert made.words == parsed.words
    assert repr(made) == repr(parsed)
    assert made.message is made.message
    assert parsed.message is parsed.message


def test_events_stay_read_only() -> None:
    (event,) = v2().receive('{"type":"TurnInfo","event":"Update","turn_index":0,"transcript":""}')
    assert isinstance(event, ev.Update)
    with pytest.raises(AttributeError):
        event.transcript = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.other = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        hash(event)


@pytest.mark.parametrize(
    "message",
    [
        '{"type":"UtteranceEnd","channel":[0],"last_word_end":%s}',
        '{"type":"Results","channel_index":[0,1],"start":%s,"duration":1,'
        '"channel":{"alternatives":[]}}',
    ],
)
def test_an_integer_time_too_large_for_a_float_is_an_unknown_message(message: str) -> None:
    (event,) = v1().receive(message % ("9" * 400))
    assert isinstance(event, ev.UnknownMessage)
    assert event.reason is not None
