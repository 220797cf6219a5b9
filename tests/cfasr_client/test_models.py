"""The generated models write the documented request bodies and read the documented replies.

The SDK builds its requests from these models' `to_dict()` and parses every REST reply with
their `from_dict()`, so each body kind and envelope shape of openapi.yaml is checked here.
"""

from __future__ import annotations

import base64

from cfasr_client.models import (
    ErrorEnvelope,
    FluxEncoding,
    FluxInput,
    Nova3Response,
    Nova3Result,
    TurboInput,
    TurboResponse,
    TurboResult,
    TurboTask,
    WhisperInput,
    WhisperResponse,
    WhisperResult,
)

AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(64))


def test_whisper_json_body_is_a_byte_array() -> None:
    assert WhisperInput(audio=list(AUDIO)).to_dict() == {"audio": list(AUDIO)}


def test_turbo_json_body_carries_base64_and_its_options() -> None:
    body = TurboInput(
        audio=base64.b64encode(AUDIO).decode(), task=TurboTask.TRANSLATE, language="fr", beam_size=3
    ).to_dict()
    assert base64.b64decode(body["audio"]) == AUDIO
    assert (body["task"], body["language"], body["beam_size"]) == ("translate", "fr", 3)


def test_flux_configuration_body_is_its_enum_values() -> None:
    body = FluxInput(encoding=FluxEncoding.LINEAR16, sample_rate="16000").to_dict()
    assert body == {"encoding": "linear16", "sample_rate": "16000"}


def test_whisper_reply_parses_into_its_result() -> None:
    reply = WhisperResponse.from_dict({"result": {"text": "ok"}, "success": True})
    assert isinstance(reply.result, WhisperResult)
    assert reply.result.text == "ok"


def test_turbo_reply_parses_its_segments() -> None:
    reply = TurboResponse.from_dict(
        {
            "result": {"text": " hi", "segments": [{"start": 0, "end": 1, "text": " hi"}]},
            "success": True,
            "errors": [],
            "messages": [],
        }
    )
    assert isinstance(reply.result, TurboResult)
    assert [s.text for s in reply.result.segments or []] == [" hi"]


def test_nova3_reply_parses_its_transcript() -> None:
    reply = Nova3Response.from_dict(
        {
            "result": {"results": {"channels": [{"alternatives": [{"transcript": "nova works"}]}]}},
            "success": True,
        }
    )
    assert isinstance(reply.result, Nova3Result)
    alternatives = reply.result.results.channels[0].alternatives
    assert alternatives is not None
    assert alternatives[0].transcript == "nova works"
    assert alternatives[0].confidence is None  # absent in the reply


def test_error_envelope_parses_integer_and_string_codes() -> None:
    envelope = ErrorEnvelope.from_dict(
        {
            "errors": [
                {"code": 5006, "message": "AiError: Bad input"},
                {"code": "7003", "message": "x"},
            ],
            "success": False,
            "result": {},
            "messages": [],
        }
    )
    assert [e.code for e in envelope.errors] == [5006, "7003"]
