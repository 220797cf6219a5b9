"""Error statuses map to typed exceptions; what is safe to retry is retried (sync and async)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cfasr_client.models import WhisperResult

import cfasr_ext as cf
from cfasr_ext._errors import error_from_response, parse_retry_after
from tests.cfasr_ext.client.conftest import Runner
from tests.support.fake_http import DROP, Scripted

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


def failure(code: int | str, message: str = "nope", status: int = 400, **headers: str) -> Scripted:
    body = {"success": False, "errors": [{"code": code, "message": message}], "result": None}
    return Scripted(status=status, body=body, headers=headers)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, cf.BadRequestError),
        (401, cf.AuthenticationError),
        (403, cf.PermissionDeniedError),
        (404, cf.NotFoundError),
        (413, cf.RequestTooLargeError),
        (422, cf.UnprocessableEntityError),
    ],
)
@pytest.mark.parametrize("code", [5006, "5006"])
def test_status_maps_to_its_class_with_the_code_as_int(
    run: Runner, status: int, cls: type[cf.APIStatusError], code: int | str
) -> None:
    run.server.script = [failure(code, "AiError: Bad input", status, **{"cf-ai-req-id": "req-1"})]
    with pytest.raises(cls) as caught:
        run(lambda c: c.whisper.transcribe(WAV))
    error = caught.value
    assert error.status_code == status
    assert error.code == cf.ErrorCode.BAD_INPUT
    assert error.request_id == "req-1"
    assert "AiError: Bad input" in str(error)
    assert len(run.server.requests) == 1


def test_forbidden_with_code_10000_is_an_authentication_error() -> None:
    body = b'{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}'
    assert isinstance(error_from_response(403, body, {}), cf.AuthenticationError)


def test_error_chain_and_string_codes_are_parsed() -> None:
    body = (
        b'{"success":false,"errors":[{"code":"6003","message":"Invalid request headers",'
        b'"error_chain":[{"code":6111,"message":"Invalid format for Authorization header"}]}]}'
    )
    error = error_from_response(400, body, {})
    assert error.code == cf.ErrorCode.INVALID_HEADERS
    assert error.errors[0].error_chain[0].code == cf.ErrorCode.INVALID_AUTHORIZATION_FORMAT


def test_non_json_error_body_still_gives_a_typed_error() -> None:
    error = error_from_response(502, b"<html>Bad gateway</html>", {})
    assert isinstance(error, cf.InternalServerError)
    assert "Bad gateway" in str(error)


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None


@pytest.mark.parametrize(
    "first",
    [
        failure(3040, "Capacity temporarily exceeded", 429, **{"Retry-After": "0"}),
        failure(3040, "Capacity temporarily exceeded", 429),
        Scripted(status=500, body={"success": False, "errors": [{"code": 1, "message": "x"}]}),
        Scripted(status=408, body={"success": False, "errors": [{"code": 3007, "message": "t"}]}),
        DROP,
    ],
    ids=["429-retry-after", "3040", "500", "408", "dropped-connection"],
)
def test_retryable_failure_then_success(run: Runner, first: Scripted | str) -> None:
    run.server.script = [first]
    result = run(lambda c: c.whisper.transcribe(WAV))
    assert isinstance(result, WhisperResult)
    assert len(run.server.requests) == 2
    assert run.server.requests[1].body == WAV


def test_gives_up_after_max_retries(run: Runner) -> None:
    run.server.default = Scripted(status=503, body={"success": False, "errors": []})
    with pytest.raises(cf.InternalServerError):
        run(lambda c: c.whisper.transcribe(WAV), max_retries=2)
    assert len(run.server.requests) == 3


def test_zero_retries_sends_once(run: Runner) -> None:
    run.server.default = Scripted(status=500, body={"success": False, "errors": []})
    with pytest.raises(cf.InternalServerError):
        run(lambda c: c.whisper.transcribe(WAV), max_retries=0)
    assert len(run.server.requests) == 1


def test_daily_limit_3036_is_never_retried(run: Runner) -> None:
    run.server.default = failure(3036, "Account limited", 429, **{"Retry-After": "0"})
    with pytest.raises(cf.RateLimitError) as caught:
        run(lambda c: c.whisper.transcribe(WAV))
    assert caught.value.is_daily_limit
    assert len(run.server.requests) == 1


def test_bad_request_is_not_retried(run: Runner) -> None:
    run.server.default = failure(5006, status=400)
    with pytest.raises(cf.BadRequestError):
        run(lambda c: c.whisper.transcribe(WAV))
    assert len(run.server.requests) == 1


def test_connection_refused_is_an_api_connection_error(run: Runner) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(cf.APIConnectionError, match="could not reach"):
        run(
            lambda c: c.whisper.transcribe(WAV),
            base_url=f"http://127.0.0.1:{port}/client/v4",
            max_retries=1,
        )


def test_one_shot_iterator_that_fails_mid_upload_says_it_cannot_be_replayed(run: Runner) -> None:
    run.server.script = [DROP]
    with pytest.raises(cf.AudioInputError, match="cannot be replayed"):
        run(lambda c: c.whisper.transcribe(iter([WAV[:10], WAV[10:]])))
    assert len(run.server.requests) == 1


def test_seekable_file_is_replayed_from_its_start(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(WAV)
    run.server.script = [DROP]
    with path.open("rb") as handle:
        run(lambda c: c.whisper.transcribe(handle))
    assert [r.body for r in run.server.requests] == [WAV, WAV]


def test_success_false_inside_a_200_is_an_error(run: Runner) -> None:
    run.server.default = Scripted(
        status=200, body={"success": False, "errors": [{"code": 5006, "message": "bad"}]}
    )
    with pytest.raises(cf.APIStatusError) as caught:
        run(lambda c: c.whisper.transcribe(WAV))
    assert caught.value.code == 5006
