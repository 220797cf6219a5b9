"""The parts of the command line that need no server: inputs, outputs, options, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from cfasr_cli.catalog import OPERATIONS, REST_MODELS, STREAM_MODELS, CliError, resolve_model
from cfasr_cli.error_lines import EXIT_FAILED, EXIT_USAGE, describe_error, exit_code_for
from cfasr_cli.inputs import InputFile, expand_inputs
from cfasr_cli.options import model_options
from cfasr_cli.outputs import OutputFormat, is_complete, plan_outputs, render, write_atomic
from cfasr_ext._errors import (
    APIConnectionError,
    AuthenticationError,
    ConfigurationError,
    OptionError,
    RateLimitError,
)
from cfasr_ext.transcript import Transcript, Word

ROOT = Path(__file__).resolve().parents[2]


def _touch(path: Path, data: bytes = b"RIFF0000WAVE") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# -- models table ---------------------------------------------------------------------------


def test_models_table_matches_every_operation_of_the_spec() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    in_spec = {
        (op["operationId"], path.rsplit("/run/", 1)[1], method.upper())
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in ("get", "post")
    }
    in_table = {(op.operation_id, op.model, op.method) for op in OPERATIONS}
    assert in_table == in_spec
    assert len(OPERATIONS) == 8


def test_models_table_lists_the_query_parameters_the_spec_gives_each_websocket() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    for op in OPERATIONS:
        if op.transport != "WebSocket":
            continue
        path = f"/accounts/{{account_id}}/ai/run/{op.model}"
        params = spec["paths"][path]["get"]["parameters"]
        names = {
            p["name"]
            if "name" in p
            else spec["components"]["parameters"][p["$ref"].split("/")[-1]]["name"]
            for p in params
        } - {"account_id"}
        listed = {option.split(" ")[0] for option in op.options}
        assert listed == names, op.operation_id


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("whisper", "@cf/openai/whisper"),
        ("@cf/openai/whisper-tiny-en", "@cf/openai/whisper-tiny-en"),
        ("turbo", "@cf/openai/whisper-large-v3-turbo"),
        ("nova-3", "@cf/deepgram/nova-3"),
    ],
)
def test_resolve_model_accepts_short_names_aliases_and_full_ids(name: str, full: str) -> None:
    assert resolve_model(name, REST_MODELS, "transcribe") == full


def test_resolve_model_says_flux_cannot_transcribe_and_lists_choices() -> None:
    with pytest.raises(CliError, match=r"transcribe cannot use it; choose one of whisper"):
        resolve_model("flux", REST_MODELS, "transcribe")


def test_resolve_model_rejects_unknown_names() -> None:
    with pytest.raises(CliError, match=r"'whisperx': unknown model"):
        resolve_model("whisperx", REST_MODELS, "transcribe")


# -- model options --------------------------------------------------------------------------


def test_model_options_keeps_given_flags_for_the_model() -> None:
    values = {"language": "en", "diarize": True, "keyterm": ("park", "weather"), "utt_split": "1.5"}
    options = model_options("@cf/deepgram/nova-3", "rest", values, REST_MODELS)
    assert options == {
        "language": "en",
        "diarize": True,
        "keyterm": ("park", "weather"),
        "utt_split": 1.5,
    }


def test_model_options_leaves_out_flags_not_given() -> None:
    assert model_options("@cf/openai/whisper", "rest", {}, REST_MODELS) == {}


def test_a_flag_value_the_spec_refuses_fails_before_sending() -> None:
    with pytest.raises(CliError, match=r"--task: task='summarise' must be one of"):
        model_options(
            "@cf/openai/whisper-large-v3-turbo", "rest", {"task": "summarise"}, REST_MODELS
        )


def test_a_flag_value_only_the_emulator_refuses_passes() -> None:
    # beam_size's 1..20 is the emulator's own limit (openapi.yaml), not Workers AI's.
    options = model_options(
        "@cf/openai/whisper-large-v3-turbo", "rest", {"beam_size": "25"}, REST_MODELS
    )
    assert options == {"beam_size": 25}


@pytest.mark.parametrize(
    ("model", "values", "message"),
    [
        (
            "@cf/openai/whisper",
            {"language": "en"},
            "--language is not valid for whisper; only whisper-large-v3-turbo, nova-3 accept it",
        ),
        (
            "@cf/deepgram/nova-3",
            {"task": "translate"},
            "--task is not valid for nova-3; only whisper-large-v3-turbo accepts it",
        ),
        (
            "@cf/openai/whisper-large-v3-turbo",
            {"diarize": False},
            "--diarize is not valid for whisper-large-v3-turbo; only nova-3",
        ),
    ],
)
def test_a_flag_the_model_does_not_take_names_the_models_that_do(
    model: str, values: dict[str, object], message: str
) -> None:
    with pytest.raises(CliError, match=message.replace(".", r"\.")):
        model_options(model, "rest", values, REST_MODELS)


def test_stream_flags_are_checked_for_flux() -> None:
    with pytest.raises(CliError, match="--diarize is not valid for flux; only nova-3"):
        model_options("@cf/deepgram/flux", "websocket", {"diarize": True}, STREAM_MODELS)
    given = {"keyterm": ("a",)}
    assert model_options("@cf/deepgram/flux", "websocket", given, STREAM_MODELS) == {
        "keyterm": ("a",)
    }


# -- inputs ---------------------------------------------------------------------------------


def test_directories_are_searched_recursively_for_audio_only(tmp_path: Path) -> None:
    _touch(tmp_path / "talks" / "b.wav")
    _touch(tmp_path / "talks" / "day1" / "a.mp3")
    _touch(tmp_path / "talks" / "notes.txt", b"hello")
    items = expand_inputs([str(tmp_path / "talks")])
    assert [item.name for item in items] == ["b", "day1/a"]


def test_a_quoted_glob_is_expanded_and_files_are_kept_once(tmp_path: Path) -> None:
    one = _touch(tmp_path / "one.wav")
    _touch(tmp_path / "two.wav")
    items = expand_inputs([str(one), str(tmp_path / "*.wav")])
    assert [item.path for item in items] == [one, tmp_path / "two.wav"]


def test_an_explicit_file_is_taken_whatever_its_extension(tmp_path: Path) -> None:
    odd = _touch(tmp_path / "recording.bin")
    assert expand_inputs([str(odd)]) == [InputFile(odd, "recording")]


def test_dash_is_standard_input_once() -> None:
    assert expand_inputs(["-"]) == [InputFile(None, "stdin")]
    with pytest.raises(CliError, match="only once"):
        expand_inputs(["-", "-"])


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("missing.wav", "missing.wav: no such file or directory"),
        ("empty", "contains no audio files"),
        ("nomatch*.wav", "no files match"),
    ],
)
def test_bad_inputs_raise_cli_errors(tmp_path: Path, argument: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    _touch(tmp_path / "empty" / "readme.txt", b"x")
    with pytest.raises(CliError, match=message):
        expand_inputs([str(tmp_path / argument)])


# -- outputs --------------------------------------------------------------------------------


def _transcript() -> Transcript:
    words = [Word("Hello", 0.0, 0.5), Word("world.", 0.6, 1.2)]
    return Transcript.from_words(words, model="@cf/openai/whisper", duration=1.5)


def test_outputs_go_to_stdout_without_out_dir() -> None:
    items = [InputFile(Path("a.wav"), "a"), InputFile(None, "stdin")]
    assert plan_outputs(items, None, OutputFormat.TXT) == [None, None]


def test_outputs_keep_subdirectories_and_take_the_format_extension(tmp_path: Path) -> None:
    items = [InputFile(Path("x/a.wav"), "day1/a"), InputFile(None, "stdin")]
    assert plan_outputs(items, tmp_path, OutputFormat.SRT) == [
        tmp_path / "day1" / "a.srt",
        tmp_path / "stdin.srt",
    ]


def test_two_inputs_writing_one_output_is_refused(tmp_path: Path) -> None:
    items = [InputFile(Path("x/a.wav"), "a"), InputFile(Path("y/a.mp3"), "a")]
    with pytest.raises(CliError, match="would both write"):
        plan_outputs(items, tmp_path, OutputFormat.TXT)


def test_out_must_not_be_a_file(tmp_path: Path) -> None:
    target = _touch(tmp_path / "file")
    with pytest.raises(CliError, match="is a file"):
        plan_outputs([InputFile(Path("a.wav"), "a")], target, OutputFormat.TXT)


def test_write_atomic_writes_the_text_with_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.txt"
    write_atomic(target, "hello\n")
    assert target.read_text() == "hello\n"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert os.listdir(target.parent) == ["out.txt"]


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "complete\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half \ud800 written")
    assert target.read_text() == "complete\n"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_rendered_outputs_are_complete(tmp_path: Path, fmt: OutputFormat) -> None:
    target = tmp_path / f"out.{fmt.value}"
    write_atomic(target, render(_transcript(), fmt))
    assert is_complete(target, fmt)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (OutputFormat.JSON, '{"text": "Hello", "words": ['),
        (OutputFormat.SRT, "1\n00:00:00,000 --> 00:0"),
        (OutputFormat.VTT, "00:00:00.000 --> 00:00:01.000\nHello\n"),
        (OutputFormat.TXT, "Hello wor"),
        (OutputFormat.JSON, Transcript.from_words([], model="m").to_json()),
        (OutputFormat.SRT, ""),
        (OutputFormat.SRT, "\n"),
        (OutputFormat.SRT, "1\n00:00:00,000 --> 00:00:01,500\nHello the"),
        (OutputFormat.SRT, "1\n00:00:00,000 --> 00:00:01,500\n"),
        (OutputFormat.SRT, "1\n00:00:00,000 --> 00:00:01,500\nHi\n\n2\n00:00:01,500 --> 00:0"),
        (
            OutputFormat.SRT,
            "1\n00:00:00,000 --> 00:00:01,500\nHi\n\n2\n00:00:01,500 --> 00:00:02,000\n",
        ),
        (OutputFormat.VTT, ""),
        (OutputFormat.VTT, "WEBVTT\n"),
        (OutputFormat.VTT, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello"),
        (OutputFormat.VTT, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n"),
        (OutputFormat.TXT, ""),
    ],
)
def test_truncated_outputs_are_not_complete(tmp_path: Path, fmt: OutputFormat, text: str) -> None:
    target = tmp_path / f"out.{fmt.value}"
    target.write_text(text)
    assert not is_complete(target, fmt)
    assert not is_complete(tmp_path / "missing.txt", fmt)


def test_json_render_reads_back_as_the_same_transcript() -> None:
    transcript = _transcript()
    back = Transcript.from_json(render(transcript, OutputFormat.JSON))
    assert back.text == "Hello world."
    assert json.loads(render(transcript, OutputFormat.JSON))["duration"] == 1.5


# -- errors ---------------------------------------------------------------------------------


def test_errors_become_one_actionable_line_with_the_right_exit_code() -> None:
    cases = [
        (CliError("bad\n input"), "bad input", EXIT_USAGE),
        (
            ConfigurationError("no credentials: pass api_token= or set $CLOUDFLARE_API_TOKEN."),
            "no credentials: set $CLOUDFLARE_API_TOKEN.",
            EXIT_USAGE,
        ),
        (OptionError("beam_size=99 is out of range"), "beam_size=99 is out of range", EXIT_USAGE),
        (
            AuthenticationError("HTTP 401: 10000: Authentication error", status_code=401),
            "check $CLOUDFLARE_API_TOKEN",
            EXIT_FAILED,
        ),
        (
            RateLimitError("HTTP 429: 3040: busy", status_code=429),
            "lower --concurrency",
            EXIT_FAILED,
        ),
        (APIConnectionError("connection refused"), "is `cfasr serve` running?", EXIT_FAILED),
    ]
    for error, text, code in cases:
        line = describe_error(error)
        assert text in line
        assert "\n" not in line
        assert exit_code_for(error) == code
