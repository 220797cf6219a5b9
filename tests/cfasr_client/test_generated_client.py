"""The generated client sends the documented request for each body kind, over a real socket."""

from __future__ import annotations

import base64
import importlib
import io
import json
import pkgutil
from urllib.parse import parse_qs, urlsplit

from cfasr_client import AuthenticatedClient
from cfasr_client.api.workers_ai_automatic_speech_recognition import (
    run_flux,
    run_nova_3,
    run_whisper,
    run_whisper_large_v3_turbo,
    run_whisper_tiny_en,
)
from cfasr_client.contract import OPERATIONS
from cfasr_client.models import (
    ErrorEnvelope,
    FluxEncoding,
    FluxInput,
    Nova3Language,
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
from cfasr_client.types import File

from tests.support.fake_http import ScriptedServer

ACCOUNT = "0123456789abcdef0123456789abcdef"
AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(64))


def _client(server: ScriptedServer) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.base_url, token="test-token")


def test_whisper_binary_body_is_sent_raw(recorder: ScriptedServer) -> None:
    response = run_whisper.sync_detailed(
        ACCOUNT, client=_client(recorder), body=File(payload=io.BytesIO(AUDIO))
    )
    sent = recorder.requests[0]
    assert sent.method == "POST"
    assert sent.path == f"/client/v4/accounts/{ACCOUNT}/ai/run/@cf/openai/whisper"
    assert sent.headers["content-type"] == "application/octet-stream"
    assert sent.headers["authorization"] == "Bearer test-token"
    assert sent.body == AUDIO
    assert isinstance(response.parsed, WhisperResponse)
    assert isinstance(response.parsed.result, WhisperResult)
    assert response.parsed.result.text == "ok"


def test_whisper_tiny_en_json_body_is_a_byte_array(recorder: ScriptedServer) -> None:
    run_whisper_tiny_en.sync_detailed(
        ACCOUNT, client=_client(recorder), body=WhisperInput(audio=list(AUDIO))
    )
    sent = recorder.requests[0]
    assert sent.path.endswith("/ai/run/@cf/openai/whisper-tiny-en")
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.body) == {"audio": list(AUDIO)}


def test_turbo_json_body_carries_base64_and_options(recorder: ScriptedServer) -> None:
    recorder.default.body = {
        "result": {"text": " hi", "segments": [{"start": 0, "end": 1, "text": " hi"}]},
        "success": True,
        "errors": [],
        "messages": [],
    }
    body = TurboInput(
        audio=base64.b64encode(AUDIO).decode(), task=TurboTask.TRANSLATE, language="fr", beam_size=3
    )
    response = run_whisper_large_v3_turbo.sync_detailed(
        ACCOUNT, client=_client(recorder), body=body, queue_request=True, tags="team:asr"
    )
    sent = recorder.requests[0]
    split = urlsplit(sent.path)
    assert split.path.endswith("/ai/run/@cf/openai/whisper-large-v3-turbo")
    assert parse_qs(split.query) == {"queueRequest": ["true"], "tags": ["team:asr"]}
    payload = json.loads(sent.body)
    assert base64.b64decode(payload["audio"]) == AUDIO
    assert payload["task"] == "translate"
    assert payload["language"] == "fr"
    assert payload["beam_size"] == 3
    assert isinstance(response.parsed, TurboResponse)
    assert isinstance(response.parsed.result, TurboResult)
    assert response.parsed.result.segments[0].text == " hi"  # type: ignore[index]


def test_nova3_raw_audio_with_query_options(recorder: ScriptedServer) -> None:
    recorder.default.body = {
        "result": {"results": {"channels": [{"alternatives": [{"transcript": "nova works"}]}]}},
        "success": True,
    }
    response = run_nova_3.sync_detailed(
        ACCOUNT,
        client=_client(recorder),
        body=File(payload=io.BytesIO(AUDIO)),
        language=Nova3Language.EN_GB,
        smart_format=True,
        diarize=False,
        keyterm=["Cloudflare", "Workers AI"],
    )
    sent = recorder.requests[0]
    split = urlsplit(sent.path)
    assert split.path.endswith("/ai/run/@cf/deepgram/nova-3")
    assert parse_qs(split.query) == {
        "language": ["en-GB"],
        "smart_format": ["true"],
        "diarize": ["false"],
        "keyterm": ["Cloudflare", "Workers AI"],
    }
    assert sent.body == AUDIO
    assert isinstance(response.parsed, Nova3Response)
    assert isinstance(response.parsed.result, Nova3Result)


def test_flux_post_sends_configuration_json(recorder: ScriptedServer) -> None:
    run_flux.sync_detailed(
        ACCOUNT,
        client=_client(recorder),
        body=FluxInput(encoding=FluxEncoding.LINEAR16, sample_rate="16000"),
    )
    assert json.loads(recorder.requests[0].body) == {"encoding": "linear16", "sample_rate": "16000"}


def test_error_envelope_parses_integer_and_string_codes(recorder: ScriptedServer) -> None:
    recorder.default.status = 400
    recorder.default.body = {
        "errors": [
            {"code": 5006, "message": "AiError: Bad input"},
            {"code": "7003", "message": "x"},
        ],
        "success": False,
        "result": {},
        "messages": [],
    }
    response = run_whisper.sync_detailed(
        ACCOUNT, client=_client(recorder), body=File(payload=io.BytesIO(AUDIO))
    )
    assert isinstance(response.parsed, ErrorEnvelope)
    assert [e.code for e in response.parsed.errors] == [5006, "7003"]


def test_websocket_operations_offer_no_plain_get_functions() -> None:
    """A 101-only operation as a plain GET can never work, so none is generated; its URL and
    query come from the contract catalog, which knows it is a WebSocket."""
    api = importlib.import_module("cfasr_client.api.workers_ai_automatic_speech_recognition")
    modules = {info.name for info in pkgutil.iter_modules(api.__path__)}
    assert "run_nova_3" in modules
    assert not {m for m in modules if m.startswith("stream_")}
    assert OPERATIONS["streamNova3"].transport == "websocket"
    assert OPERATIONS["streamNova3"].url_path(ACCOUNT).endswith("/ai/run/@cf/deepgram/nova-3")
