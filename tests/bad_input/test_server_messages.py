"""Hostile server frames: the streaming parsers never crash on them.

Whatever text arrives, `receive` either raises `StreamProtocolError` (not JSON, not an
object, binary) or yields events; JSON objects, even with a known `type` and fields of the
wrong shape, always yield an event (typed, or `UnknownMessage` carrying the reason).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cfasr_ext.streaming import (
    FluxStreamOptions,
    ListenV1Protocol,
    ListenV2Protocol,
    Nova3StreamOptions,
    StreamEvent,
    StreamProtocol,
    StreamProtocolError,
    UnknownMessage,
)
from tests.support.spec import SERVER_MESSAGES
from tests.support.summary import FIGURES

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "channel",
        "alternatives",
        "words",
        "start",
        "end",
        "duration",
        "is_final",
        "event",
        "turn_index",
        "transcript",
        "audio_window_end",
        "last_word_end",
        "timestamp",
        "code",
    ]
)
KNOWN_TYPES = sorted({kind for table in SERVER_MESSAGES.values() for kind in table})
MESSAGES = st.fixed_dictionaries(
    {"type": st.sampled_from([*KNOWN_TYPES, "Surprise", ""]) | JSON},
    optional={"event": st.sampled_from(["StartOfTurn", "Update", "EndOfTurn", "Nope"])},
).flatmap(
    lambda base: st.dictionaries(FIELDS, JSON, max_size=6).map(lambda extra: {**extra, **base})
)


def protocols() -> list[StreamProtocol]:
    return [
        ListenV1Protocol(Nova3StreamOptions(encoding="linear16", sample_rate=16000)),
        ListenV2Protocol(FluxStreamOptions()),
    ]


def _receive(protocol: StreamProtocol, frame: str | bytes) -> list[StreamEvent] | None:
    try:
        return protocol.receive(frame)
    except StreamProtocolError as exc:
        problem = str(exc)
    assert problem  # a protocol error always says what was wrong with the frame
    return None


@settings(max_examples=150, deadline=None)
@given(frame=st.text(max_size=200) | st.binary(max_size=40))
def test_any_frame_is_an_event_or_a_protocol_error(frame: str | bytes) -> None:
    for protocol in protocols():
        events = _receive(protocol, frame)
        assert events is None or all(isinstance(e, StreamEvent) for e in events)
    FIGURES.bad_input()


@settings(max_examples=200, deadline=None)
@given(message=MESSAGES)
def test_any_json_object_becomes_an_event(message: dict[str, Any]) -> None:
    frame = json.dumps(message)
    for protocol in protocols():
        events = protocol.receive(frame)
        assert len(events) == 1
        event = events[0]
        assert isinstance(event, StreamEvent)
        if isinstance(event, UnknownMessage):
            assert event.raw == message
    FIGURES.bad_input()


def test_malformed_json_names_the_problem() -> None:
    for protocol in protocols():
        events = _receive(protocol, '{"type": "Results", "channel": ')
        assert events is None
    FIGURES.bad_input()
