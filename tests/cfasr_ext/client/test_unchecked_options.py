"""The escape hatch: `extra_query`, `extra_body` and `extra_headers` reach the server as given.

Cloudflare can add an option before openapi.yaml knows it; these arguments send it anyway,
unchecked, replacing same-name parameters, JSON fields and headers (openai-python's rules).
The scripted server records exactly what arrived; the emulator end-to-end cases are in
`test_unchecked_against_emulator.py`.
"""

from __future__ import annotations

import base64
import inspect
import json
import urllib.parse
from typing import Any

import pytest
from cfasr_client.models import Nova3Result, Nova3Results, TurboResult, WhisperResult

from cfasr_ext import AsyncClient, Client, OptionError
from tests.cfasr_ext.client.conftest import ACCOUNT, TOKEN, Runner
from tests.support.fake_http import Scripted

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 40
NEW = {"brand_new_option": "on", "new_list": ["a", "b c"], "new_flag": True, "new_number": 0.25}
NEW_PAIRS = [
    ("brand_new_option", "on"),
    ("new_list", "a"),
    ("new_list", "b c"),
    ("new_flag", "true"),
    ("new_number", "0.25"),
]


def query(path: str) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True)


# ---- extra_query ----


@pytest.mark.parametrize(
    ("call", "typed"),
    [
        (lambda c, **kw: c.whisper.transcribe(WAV, tags="old", **kw), ("tags", "old")),
        (lambda c, **kw: c.whisper_tiny_en.transcribe(WAV, tags="old", **kw), ("tags", "old")),
        (
            lambda c, **kw: c.whisper_large_v3_turbo.transcribe(WAV, tags="old", **kw),
            ("tags", "old"),
        ),
        (lambda c, **kw: c.nova_3.transcribe(WAV, tags="old", **kw), ("tags", "old")),
        (lambda c, **kw: c.flux.run_config(tags="old", **kw), ("tags", "old")),
    ],
    ids=["whisper", "whisper-tiny-en", "turbo", "nova-3", "flux-run-config"],
)
def test_extra_query_reaches_the_server_and_replaces_the_same_name(
    run: Runner, call: Any, typed: tuple[str, str]
) -> None:
    run(lambda c: call(c, extra_query={**NEW, "tags": "new"}))
    (request,) = run.server.requests
    sent = query(request.path)
    assert typed not in sent
    assert sent == [*NEW_PAIRS, ("tags", "new")]


def test_extra_query_none_leaves_a_typed_parameter_out(run: Runner) -> None:
    run(lambda c: c.nova_3.transcribe(WAV, punctuate=True, extra_query={"punctuate": None}))
    assert query(run.server.requests[0].path) == []


def test_extra_query_on_the_raw_response_twin_and_on_client_transcribe(run: Runner) -> None:
    raw = run(lambda c: c.with_raw_response.nova_3.transcribe(WAV, extra_query={"x_new": 1}))
    run(lambda c: c.transcribe(WAV, model="nova-3", extra_query={"y_new": "2"}))
    assert raw.status_code == 200
    assert [query(r.path) for r in run.server.requests] == [[("x_new", "1")], [("y_new", "2")]]


@pytest.mark.parametrize(
    "bad", [{"nested": {"a": 1}}, {"": "x"}, {"obj": object()}, ["not", "a", "mapping"]]
)
def test_extra_query_refuses_what_no_url_can_carry_before_sending(run: Runner, bad: Any) -> None:
    with pytest.raises(OptionError, match="extra_query"):
        run(lambda c: c.nova_3.transcribe(WAV, extra_query=bad))
    assert run.server.requests == []


# ---- extra_body ----


def test_extra_body_merges_into_turbos_json_over_the_typed_fields(run: Runner) -> None:
    extra = {"language": "de", "brand_new": {"nested": [1, None]}}
    result = run(
        lambda c: c.whisper_large_v3_turbo.transcribe(WAV, language="fr", extra_body=extra)
    )
    (request,) = run.server.requests
    body = json.loads(request.body)  # the streamed body's Content-Length still matches
    assert isinstance(result, TurboResult)
    assert body["language"] == "de"
    assert body["brand_new"] == {"nested": [1, None]}
    assert body["beam_size"] == 5  # the spec's defaults are still stated
    assert base64.b64decode(body["audio"]) == WAV


def test_extra_body_joins_whispers_byte_array_json(run: Runner) -> None:
    run(lambda c: c.whisper.transcribe(WAV, body_format="json", extra_body={"brand_new": True}))
    assert json.loads(run.server.requests[0].body) == {"brand_new": True, "audio": list(WAV)}


def test_extra_body_merges_into_flux_configuration(run: Runner) -> None:
    run.server.envelope({"note": "stream instead"})
    run(lambda c: c.flux.run_config(eot_threshold=0.8, extra_body={"eot_threshold": 2, "n": 1}))
    assert json.loads(run.server.requests[0].body) == {
        "encoding": "linear16",
        "sample_rate": "16000",
        "eot_threshold": 2,
        "n": 1,
    }


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.nova_3.transcribe(WAV, extra_body={"brand_new": 1}),
        lambda c: c.whisper.transcribe(WAV, extra_body={"brand_new": 1}),
        lambda c: c.with_raw_response.whisper_tiny_en.transcribe(WAV, extra_body={"n": 1}),
    ],
    ids=["nova-3", "whisper-binary", "whisper-tiny-en-raw-response"],
)
def test_extra_body_on_a_raw_audio_body_is_refused_naming_extra_query(
    run: Runner, call: Any
) -> None:
    with pytest.raises(OptionError, match=r"recording itself.*extra_query="):
        run(call)
    assert run.server.requests == []


@pytest.mark.parametrize(
    ("extra", "match"),
    [({"audio": "AAAA"}, "cannot set 'audio'"), ({"x": {1, 2}}, "JSON-serialisable")],
)
def test_extra_body_refuses_audio_and_values_json_cannot_carry(
    run: Runner, extra: dict[str, Any], match: str
) -> None:
    with pytest.raises(OptionError, match=match):
        run(lambda c: c.whisper_large_v3_turbo.transcribe(WAV, extra_body=extra))
    assert run.server.requests == []


# ---- extra_headers ----


def test_extra_headers_reach_the_server_and_replace_default_headers(run: Runner) -> None:
    run(
        lambda c: c.with_raw_response.whisper_large_v3_turbo.transcribe(
            WAV, extra_headers={"X-Brand-New": "1", "x-team": "asr", "user-agent": "mine/1"}
        ),
        default_headers={"X-Team": "default", "X-Kept": "yes"},
    )
    headers = run.server.requests[0].headers
    assert (headers["x-brand-new"], headers["x-team"], headers["x-kept"]) == ("1", "asr", "yes")
    assert headers["user-agent"] == "mine/1"
    names = [name.lower() for name, _ in run.server.requests[0].header_lines]
    assert names.count("x-team") == names.count("user-agent") == 1  # replaced, not repeated
    assert headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ({"Content-Length": "1"}, "sets it from the body"),
        ({"transfer-encoding": "chunked"}, "sets it from the body"),
        ({"Content-Type": "text/plain"}, "content_type="),
        ({"X-A": "1\r\nX-Smuggled: 2"}, "line break"),
        ({"X-Auth-Key": "k"}, "credentials"),
    ],
)
def test_extra_headers_refuse_framing_credentials_and_line_breaks(
    run: Runner, extra: dict[str, str], match: str
) -> None:
    with pytest.raises(OptionError, match=match):
        run(lambda c: c.nova_3.transcribe(WAV, extra_headers=extra))
    assert run.server.requests == []


def test_batch_submit_and_wait_carry_the_extras_to_every_request(run: Runner) -> None:
    queued = Scripted(body={"result": {"status": "queued", "request_id": "job-1"}, "success": True})
    done = {"responses": [{"id": 0, "success": True, "result": {"text": "ok"}}], "usage": {}}
    run.server.script = [queued, Scripted(body={"result": done, "success": True})]
    extras: dict[str, Any] = {"extra_query": {"new_q": "1"}, "extra_headers": {"X-New": "2"}}

    def flow(client: Client | AsyncClient) -> Any:
        if isinstance(client, Client):
            batch = client.whisper_large_v3_turbo.batch
            job = batch.submit([WAV], language="en", extra_body={"new_field": 3}, **extras)
            return batch.wait(job, interval=0.001, timeout=5, extra_body={"p": 1}, **extras)

        async def go(client: AsyncClient) -> Any:
            batch = client.whisper_large_v3_turbo.batch
            job = await batch.submit([WAV], language="en", extra_body={"new_field": 3}, **extras)
            return await batch.wait(job, interval=0.001, timeout=5, extra_body={"p": 1}, **extras)

        return go(client)

    outcomes = run(flow)
    submit, poll = run.server.requests
    assert outcomes[0].success
    (item,) = json.loads(submit.body)["requests"]
    assert (item["language"], item["new_field"]) == ("en", 3)  # beside the model's options
    assert json.loads(poll.body) == {"request_id": "job-1", "p": 1}
    for request in (submit, poll):
        assert query(request.path) == [("queueRequest", "true"), ("new_q", "1")]
        assert request.headers["x-new"] == "2"


# ---- fields the spec does not know yet ----


def test_an_unknown_result_field_is_kept_and_reachable(run: Runner) -> None:
    run.server.envelope({"text": "hi", "brand_new_field": {"score": 0.5}})
    result = run(lambda c: c.whisper.transcribe(WAV))
    transcript = run(lambda c: c.transcribe(WAV, model="whisper"))
    assert isinstance(result, WhisperResult)
    assert result.additional_properties == {"brand_new_field": {"score": 0.5}}
    assert result["brand_new_field"] == {"score": 0.5}
    assert transcript.raw.additional_properties["brand_new_field"] == {"score": 0.5}


def test_an_unknown_nested_field_is_kept_where_it_arrived(run: Runner) -> None:
    alternative = {"transcript": "hi", "confidence": 0.9, "words": [], "new_score": 3}
    run.server.envelope(
        {"results": {"channels": [{"alternatives": [alternative]}], "new_block": [1]}}
    )
    result = run(lambda c: c.nova_3.transcribe(WAV))
    assert isinstance(result, Nova3Result)
    results = result.results
    assert isinstance(results, Nova3Results)
    assert results.additional_properties == {"new_block": [1]}
    assert isinstance(results.channels, list)
    alternatives = results.channels[0].alternatives
    assert isinstance(alternatives, list)
    assert alternatives[0].additional_properties == {"new_score": 3}


# ---- the same arguments on every twin ----


def _namespaces(client: Client | AsyncClient) -> list[tuple[str, Any]]:
    raw = client.with_raw_response
    return [
        ("whisper.transcribe", client.whisper.transcribe),
        ("whisper_tiny_en.transcribe", client.whisper_tiny_en.transcribe),
        ("whisper_large_v3_turbo.transcribe", client.whisper_large_v3_turbo.transcribe),
        ("nova_3.transcribe", client.nova_3.transcribe),
        ("flux.run_config", client.flux.run_config),
        ("raw.whisper.transcribe", raw.whisper.transcribe),
        ("raw.whisper_large_v3_turbo.transcribe", raw.whisper_large_v3_turbo.transcribe),
        ("raw.nova_3.transcribe", raw.nova_3.transcribe),
        ("raw.flux.run_config", raw.flux.run_config),
        ("turbo.batch.submit", client.whisper_large_v3_turbo.batch.submit),
        ("turbo.batch.poll", client.whisper_large_v3_turbo.batch.poll),
        ("turbo.batch.wait", client.whisper_large_v3_turbo.batch.wait),
    ]


def test_every_rest_method_takes_the_three_extras_with_the_same_signature_on_both_twins() -> None:
    settings: dict[str, Any] = {"api_token": TOKEN, "account_id": ACCOUNT, "environ": {}}
    sync, asynchronous = Client(**settings), AsyncClient(**settings)
    for (name, method), (_, twin) in zip(_namespaces(sync), _namespaces(asynchronous), strict=True):
        signature = inspect.signature(method)
        assert signature == inspect.signature(twin), name
        for extra in ("extra_query", "extra_body", "extra_headers"):
            assert signature.parameters[extra].kind is inspect.Parameter.KEYWORD_ONLY, name
    sync.close()
