"""Results unwrap to the generated types; raw responses; Transcript; batch."""

from __future__ import annotations

import json

import pytest
from cfasr_client.models import TurboResult, WhisperResult

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import Runner
from tests.support.fake_http import Scripted

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64
TURBO = {
    "text": " Hello world",
    "transcription_info": {"language": "en", "duration": 2.0},
    "segments": [
        {
            "start": 0.0,
            "end": 2.0,
            "text": " Hello world",
            "words": [
                {"word": " Hello", "start": 0.0, "end": 0.5},
                {"word": " world", "start": 0.6, "end": 1.0},
            ],
        }
    ],
}


@pytest.mark.parametrize("wrapped", [True, False], ids=["envelope", "bare"])
def test_result_is_unwrapped_to_the_generated_type(run: Runner, wrapped: bool) -> None:
    body = {"result": TURBO, "success": True, "errors": [], "messages": []} if wrapped else TURBO
    run.server.default = Scripted(body=body)
    result = run(lambda c: c.whisper_large_v3_turbo.transcribe(WAV))
    assert isinstance(result, TurboResult)
    assert result.segments[0].words[1].word == " world"  # type: ignore[index]


def test_raw_response_exposes_status_headers_and_body(run: Runner) -> None:
    run.server.envelope({"text": "hi"}, **{"cf-ai-req-id": "r-9", "cf-ai-neurons": "12.5"})
    raw = run(lambda c: c.with_raw_response.whisper.transcribe(WAV))
    assert raw.status_code == 200
    assert raw.request_id == "r-9"
    assert raw.neurons == 12.5
    assert json.loads(raw.content)["result"] == {"text": "hi"}
    parsed = raw.parse()
    assert isinstance(parsed, WhisperResult)
    assert parsed.text == "hi"


def test_namespace_raw_response_matches_client_raw_response(run: Runner) -> None:
    raw = run(lambda c: c.nova_3.with_raw_response.transcribe(WAV))
    assert raw.status_code == 200


@pytest.mark.parametrize("model", ["whisper-large-v3-turbo", "@cf/openai/whisper-large-v3-turbo"])
def test_client_transcribe_returns_a_common_transcript(run: Runner, model: str) -> None:
    run.server.envelope(TURBO)
    transcript = run(lambda c: c.transcribe(WAV, model=model, language="en"))
    assert isinstance(transcript, cf.Transcript)
    assert transcript.text.strip() == "Hello world"
    assert [w.text.strip() for w in transcript.words] == ["Hello", "world"]
    assert transcript.language == "en"
    assert isinstance(transcript.raw, TurboResult)
    assert json.loads(run.server.requests[0].body)["language"] == "en"


def test_client_transcribe_refuses_unknown_models_and_flux(run: Runner) -> None:
    with pytest.raises(cf.OptionError, match="unknown speech model"):
        run(lambda c: c.transcribe(WAV, model="whisper-xl"))
    with pytest.raises(cf.UnsupportedOperationError):
        run(lambda c: c.transcribe(WAV, model="flux"))


def queued(status: str = "queued") -> Scripted:
    return Scripted(body={"result": {"status": status, "request_id": "job-1"}, "success": True})


def test_batch_submit_poll_wait(run: Runner) -> None:
    done = {"responses": [{"id": 0, "success": True, "result": TURBO}], "usage": {}}
    run.server.script = [
        queued(),
        queued("running"),
        Scripted(body={"result": done, "success": True}),
    ]

    def flow(client: cf.Client | cf.AsyncClient) -> object:
        if isinstance(client, cf.Client):
            batch = client.whisper_large_v3_turbo.batch
            job = batch.submit([WAV], language="en")
            return job, batch.wait(job, interval=0.001, timeout=5)

        async def go(client: cf.AsyncClient) -> object:
            batch = client.whisper_large_v3_turbo.batch
            job = await batch.submit([WAV], language="en")
            return job, await batch.wait(job, interval=0.001, timeout=5)

        return go(client)

    job, outcomes = run(flow)
    assert job == cf.BatchJob(
        request_id="job-1", model="@cf/openai/whisper-large-v3-turbo", inputs=1
    )
    assert outcomes[0].success
    assert isinstance(outcomes[0].result, TurboResult)
    submit, poll, _ = run.server.requests
    assert submit.path.endswith("whisper-large-v3-turbo?queueRequest=true")
    assert json.loads(submit.body)["requests"][0]["language"] == "en"
    assert json.loads(poll.body) == {"request_id": "job-1"}


def test_batch_wait_reports_progress_and_retried_polls(run: Runner) -> None:
    done = {
        "responses": [
            {"id": 0, "success": True, "result": TURBO},
            {"id": 1, "success": True, "result": TURBO},
        ],
        "usage": {},
    }
    busy = {"success": False, "errors": [{"code": 3040, "message": "busy"}], "result": None}
    run.server.script = [
        queued(),
        Scripted(status=503, body=busy),
        queued("running"),
        Scripted(body={"result": done, "success": True}),
    ]
    reports: list[cf.Progress] = []

    def flow(client: cf.Client | cf.AsyncClient) -> object:
        if isinstance(client, cf.Client):
            batch = client.whisper_large_v3_turbo.batch
            job = batch.submit([WAV, WAV])
            return batch.wait(job, interval=0.001, timeout=5, on_progress=reports.append)

        async def go(client: cf.AsyncClient) -> object:
            batch = client.whisper_large_v3_turbo.batch
            job = await batch.submit([WAV, WAV])
            return await batch.wait(job, interval=0.001, timeout=5, on_progress=reports.append)

        return go(client)

    outcomes = run(flow)
    assert isinstance(outcomes, list)
    assert len(outcomes) == 2
    assert reports == [
        cf.Progress(0, 2, 0.0, None, 0),
        cf.Progress(0, 2, 0.0, None, 1),
        cf.Progress(2, 2, 0.0, None, 1),
    ]


def test_batch_wait_times_out_with_the_job_id(run: Runner) -> None:
    run.server.default = queued()

    def flow(client: cf.Client | cf.AsyncClient) -> object:
        return client.whisper_large_v3_turbo.batch.wait("job-1", interval=10, timeout=1)

    with pytest.raises(cf.BatchTimeoutError, match="job-1"):
        run(flow)
