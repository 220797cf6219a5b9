"""Each model and input kind sends exactly the documented request (sync and async)."""

from __future__ import annotations

import base64
import io
import json
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cfasr_client.models import FluxResult, Nova3Result, TurboResult, WhisperResult

from cfasr_ext import AsyncClient, AudioFile, AudioInputError, Client, UnsupportedOperationError
from tests.cfasr_ext.client.conftest import ACCOUNT, TOKEN, Runner
from tests.support.fake_http import ScriptedServer

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 300  # > one 64 KiB chunk
RUN = f"/client/v4/accounts/{ACCOUNT}/ai/run"


def query(path: str) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True)


@pytest.fixture
def wav_path(tmp_path: Path) -> Path:
    path = tmp_path / "talk.wav"
    path.write_bytes(WAV)
    return path


def test_whisper_streams_the_raw_file_with_octet_stream(run: Runner, wav_path: Path) -> None:
    result = run(lambda c: c.whisper.transcribe(wav_path))
    (request,) = run.server.requests
    assert isinstance(result, WhisperResult)
    assert request.path == f"{RUN}/@cf/openai/whisper"
    assert request.headers["content-type"] == "application/octet-stream"
    assert request.headers["content-length"] == str(len(WAV))
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.body == WAV


def test_whisper_tiny_en_uses_its_own_path(run: Runner) -> None:
    run(lambda c: c.whisper_tiny_en.transcribe(WAV))
    assert run.server.requests[0].path == f"{RUN}/@cf/openai/whisper-tiny-en"


def test_whisper_json_form_is_a_byte_array_only_on_request(run: Runner) -> None:
    run(lambda c: c.whisper.transcribe(WAV, body_format="json"))
    (request,) = run.server.requests
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.body) == {"audio": list(WAV)}


def test_turbo_sends_base64_json_with_spec_defaults(run: Runner, wav_path: Path) -> None:
    result = run(lambda c: c.whisper_large_v3_turbo.transcribe(wav_path, language="fr"))
    (request,) = run.server.requests
    assert isinstance(result, TurboResult)
    assert request.path == f"{RUN}/@cf/openai/whisper-large-v3-turbo"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["content-length"] == str(len(request.body))
    body = json.loads(request.body)
    assert base64.b64decode(body.pop("audio")) == WAV
    assert body == {
        "task": "transcribe",
        "language": "fr",
        "vad_filter": False,
        "beam_size": 5,
        "condition_on_previous_text": True,
        "no_speech_threshold": 0.6,
        "compression_ratio_threshold": 2.4,
        "log_prob_threshold": -1.0,
    }


@pytest.mark.parametrize("size", [1, 2, 3, 49151, 49152, 49153])
def test_turbo_base64_is_exact_at_chunk_boundaries(run: Runner, size: int) -> None:
    audio = bytes((i * 7) % 256 for i in range(size))
    run(lambda c: c.whisper_large_v3_turbo.transcribe(audio))
    body = json.loads(run.server.requests[0].body)
    assert base64.b64decode(body["audio"]) == audio


def test_nova_3_sends_raw_audio_with_sniffed_type_and_query_options(run: Runner) -> None:
    result = run(
        lambda c: c.nova_3.transcribe(
            WAV,
            language="en-GB",
            smart_format=True,
            diarize=False,
            keyterm=["Cloud flare", "Workers"],
            utt_split=1.5,
            tags="team:asr",
        )
    )
    (request,) = run.server.requests
    assert isinstance(result, Nova3Result)
    assert request.path.startswith(f"{RUN}/@cf/deepgram/nova-3?")
    assert "keyterm=Cloud%20flare" in request.path
    assert sorted(query(request.path)) == sorted(
        [
            ("tags", "team:asr"),
            ("language", "en-GB"),
            ("smart_format", "true"),
            ("diarize", "false"),
            ("keyterm", "Cloud flare"),
            ("keyterm", "Workers"),
            ("utt_split", "1.5"),
        ]
    )
    assert request.headers["content-type"] == "audio/wav"
    assert request.body == WAV


def test_nova_3_content_type_can_be_overridden(run: Runner) -> None:
    run(lambda c: c.nova_3.transcribe(WAV, content_type="audio/x-custom"))
    assert run.server.requests[0].headers["content-type"] == "audio/x-custom"


def test_flux_run_config_posts_configuration_only(run: Runner) -> None:
    run.server.envelope({"note": "stream instead"})
    result = run(lambda c: c.flux.run_config(sample_rate=16000, eot_threshold=0.8))
    (request,) = run.server.requests
    assert isinstance(result, FluxResult)
    assert request.path == f"{RUN}/@cf/deepgram/flux"
    assert json.loads(request.body) == {
        "encoding": "linear16",
        "sample_rate": "16000",
        "eot_threshold": "0.8",
    }


def test_flux_transcribe_points_at_streaming_without_sending(run: Runner) -> None:
    with pytest.raises(UnsupportedOperationError, match=r"flux\.stream"):
        run(lambda c: c.flux.transcribe(WAV))
    assert run.server.requests == []


def _inputs(path: Path) -> dict[str, object]:
    return {
        "str path": str(path),
        "PathLike": path,
        "bytes": WAV,
        "bytearray": bytearray(WAV),
        "memoryview": memoryview(WAV),
        "file object": lambda: path.open("rb"),
        "BytesIO": lambda: io.BytesIO(WAV),
        "iterator": lambda: iter([WAV[:1000], WAV[1000:]]),
        "AudioFile": AudioFile(WAV, filename="x.wav"),
        "tuple": ("x.wav", WAV, "audio/wav"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "str path",
        "PathLike",
        "bytes",
        "bytearray",
        "memoryview",
        "file object",
        "BytesIO",
        "iterator",
        "AudioFile",
        "tuple",
    ],
)
def test_every_input_kind_uploads_the_same_bytes(run: Runner, wav_path: Path, kind: str) -> None:
    source = _inputs(wav_path)[kind]
    audio = source() if callable(source) else source
    run(lambda c: c.nova_3.transcribe(audio))
    (request,) = run.server.requests
    assert request.body == WAV
    assert request.headers["content-type"] == "audio/wav"


async def test_async_iterator_is_accepted_by_the_async_client(server: ScriptedServer) -> None:
    async def pieces() -> AsyncIterator[bytes]:
        yield WAV[:10]
        yield WAV[10:]

    async with AsyncClient(**Runner("async", server).options()) as client:
        await client.whisper.transcribe(pieces())
    assert server.requests[0].body == WAV


def test_async_iterator_is_refused_by_the_sync_client(server: ScriptedServer) -> None:
    async def pieces() -> AsyncIterator[bytes]:
        yield WAV

    with (
        Client(**Runner("sync", server).options()) as client,
        pytest.raises(AudioInputError, match="AsyncClient"),
    ):
        client.whisper.transcribe(pieces())
    assert server.requests == []
