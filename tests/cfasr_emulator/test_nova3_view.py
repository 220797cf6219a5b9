"""nova-3's options mean the same over REST and over the WebSocket: one view of them.

The POST (``nova3_input.nova3_options``) and the handshake (``ws.options.parse_v1``) once kept
two records of nova-3's options, and they drifted apart. These put the same query through
both and compare what the engine would be told.
"""

from __future__ import annotations

import pytest

from cfasr_emulator import error_envelope
from cfasr_emulator.rest import nova3_input
from cfasr_emulator.ws.options import OptionProblem, parse_v1

RAW = [("encoding", "linear16"), ("sample_rate", "16000")]


@pytest.mark.parametrize("spelled", [" Workers AI ", "Workers AI", "\tWorkers AI\n"])
def test_rest_and_websocket_read_a_keyterm_alike(spelled: str) -> None:
    query = [*RAW, ("keyterm", spelled), ("keyterm", "nova")]
    rest = nova3_input.nova3_options(query, "request-id")
    stream = parse_v1(query)
    assert rest.keyterms == stream.keyterms == ("Workers AI", "nova")


@pytest.mark.parametrize(
    ("language", "model", "whisper_language"),
    [
        ("en", "tiny.en", "en"),
        ("en-GB", "tiny.en", "en"),
        ("de", "base", "de"),
        ("multi", "base", None),
    ],
)
def test_rest_and_websocket_map_a_language_alike(
    language: str, model: str, whisper_language: str | None
) -> None:
    query = [*RAW, ("language", language)]
    rest = nova3_input.nova3_options(query, "request-id")
    stream = parse_v1(query)
    assert rest.model == stream.model == model
    assert rest.whisper_language == stream.whisper_language == whisper_language


def test_rest_and_websocket_refuse_keywords_in_deepgrams_words() -> None:
    query = [*RAW, ("keywords", "park")]
    with pytest.raises(error_envelope.ApiError) as rest:
        nova3_input.nova3_options(query, "request-id")
    with pytest.raises(OptionProblem) as stream:
        parse_v1(query)
    deepgram = "Keywords are not supported for Nova-3. Please use keyterm instead."
    assert str(stream.value) == deepgram
    assert deepgram in str(rest.value)
