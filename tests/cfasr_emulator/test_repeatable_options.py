"""Repeatable nova-3 options (redact, extra, replace, search, custom_topic, custom_intent):
several values are accepted over REST and the WebSocket, and a repeated ``false`` is not
reported as an option the engine ignored."""

from __future__ import annotations

import pytest

from cfasr_emulator.nova3_view import turned_on
from cfasr_emulator.rest.nova3_input import nova3_options
from cfasr_emulator.ws import parse_v1

REPEATED = [
    ("redact", "pci"),
    ("redact", "numbers"),
    ("extra", "team:asr"),
    ("extra", "run:7"),
    ("replace", "colour:color"),
    ("replace", "grey:gray"),
    ("search", "weather"),
    ("search", "today"),
]


def test_rest_takes_every_value_and_reports_them_once() -> None:
    items = [*REPEATED, ("custom_topic", "travel"), ("custom_topic", "weather")]
    options = nova3_options(items, "req")
    reported = [name for name, _ in options.not_applied]
    assert sorted(reported) == ["custom_topic", "redact"]  # extra, replace, search are applied
    assert options.extra == ("team:asr", "run:7")
    assert options.replace == ("colour:color", "grey:gray")
    assert options.search == ("weather", "today")


def test_websocket_takes_every_value() -> None:
    options = parse_v1(REPEATED)
    assert set(options.not_applied) == {"redact", "extra", "search"}  # replace is applied
    assert options.replace == ("colour:color", "grey:gray")


def test_redact_false_is_not_a_warning() -> None:
    assert nova3_options([("redact", "false")], "req").not_applied == ()
    assert parse_v1([("redact", "false"), ("redact", "false")]).not_applied == ()


@pytest.mark.parametrize(
    ("value", "on"),
    [
        (False, False),
        ("false", False),
        (("false", "false"), False),
        (("false", "pci"), True),
        (True, True),
        ("x", True),
        ((), False),
    ],
)
def test_turned_on(value: object, on: bool) -> None:
    assert turned_on(value) is on
