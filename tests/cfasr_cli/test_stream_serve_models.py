"""`cfasr stream`, `cfasr serve`, `cfasr models` and the errors every command shares."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import httpx

from cfasr_ext.subtitles import parse_srt
from cfasr_ext.transcript import Transcript
from tests.cfasr_cli.conftest import (
    TWO_SENTENCES_WAV,
    WEATHER_WAV,
    Cfasr,
    assert_one_line_error,
    cfasr_command,
)

# -- stream ---------------------------------------------------------------------------------


def test_stream_nova3_prints_final_lines_and_the_transcript(cfasr: Cfasr) -> None:
    result = cfasr("stream", WEATHER_WAV)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lower().startswith("the weather is nice today")
    assert "meet in the park" in result.stderr.lower()


def test_stream_flux_shows_turns_and_writes_subtitles(cfasr: Cfasr, tmp_path: Path) -> None:
    out = tmp_path / "talk.srt"
    result = cfasr("stream", "-m", "flux", "-f", "srt", "-o", out, TWO_SENTENCES_WAV)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    turns = [line for line in result.stderr.splitlines() if line.startswith("[turn ")]
    assert [line[:8] for line in turns] == ["[turn 0]", "[turn 1]"]
    assert "finance team" in turns[0]
    cues = parse_srt(out.read_text())
    assert cues[0].start < cues[-1].start
    assert "park" in " ".join(cues[-1].lines)


def test_stream_reads_stdin_and_composes_with_json(cfasr: Cfasr) -> None:
    result = cfasr("-q", "stream", "-", "-f", "json", input=WEATHER_WAV.read_bytes())
    assert result.exit_code == 0, result.stderr
    transcript = Transcript.from_json(result.stdout)
    assert transcript.model == "@cf/deepgram/nova-3"
    assert "weather" in transcript.text
    assert result.stderr == ""


def test_stream_option_for_the_other_model_is_refused(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("stream", "-m", "flux", "--language", "en", WEATHER_WAV)
    assert_one_line_error(result, code=2, contains="--language is not valid for flux; only nova-3")


def test_stream_missing_file(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("stream", "nowhere.wav")
    assert_one_line_error(result, code=2, contains="nowhere.wav: no such file")


def test_stream_mic_without_sounddevice_says_what_to_install(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("stream", "--mic")
    if importlib.util.find_spec("sounddevice") is None:
        assert_one_line_error(result, code=2, contains="pip install sounddevice")
    else:
        assert_one_line_error(
            cfasr_offline("stream", "--mic", WEATHER_WAV), code=2, contains="not both"
        )


def test_stream_model_that_cannot_stream(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("stream", "-m", "whisper", WEATHER_WAV)
    assert_one_line_error(
        result, code=2, contains="stream cannot use it; choose one of nova-3, flux"
    )


# -- errors shared by transcribe ------------------------------------------------------------


def test_transcribe_missing_file(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("transcribe", "missing.wav")
    assert_one_line_error(result, code=2, contains="missing.wav: no such file or directory")


def test_transcribe_directory_without_audio(cfasr_offline: Cfasr, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no audio here")
    result = cfasr_offline("transcribe", tmp_path)
    assert_one_line_error(result, code=2, contains="contains no audio files")


def test_transcribe_unknown_model(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("transcribe", "-m", "whisper-9", WEATHER_WAV)
    assert_one_line_error(result, code=2, contains="'whisper-9': unknown model; choose one of")


def test_transcribe_option_not_valid_for_the_model(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("transcribe", "-m", "whisper", "--task", "translate", WEATHER_WAV)
    assert_one_line_error(
        result, code=2, contains="--task is not valid for whisper; only whisper-large-v3-turbo"
    )


def test_transcribe_without_a_token(cfasr_offline: Cfasr) -> None:
    env = {k: v for k, v in cfasr_offline.env.items() if k != "CLOUDFLARE_API_TOKEN"}
    result = cfasr_offline("transcribe", WEATHER_WAV, env=env)
    assert_one_line_error(result, code=2, contains="set $CLOUDFLARE_API_TOKEN")


def test_transcribe_resume_needs_out(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("transcribe", "--resume", WEATHER_WAV)
    assert_one_line_error(result, code=2, contains="--resume needs --out DIR")


def test_unreachable_server_suggests_checking_base_url(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("-q", "transcribe", "-m", "whisper", WEATHER_WAV)
    assert_one_line_error(result, code=1, contains="check --base-url")


def test_unknown_flag_is_one_line_in_the_console_script(tmp_path: Path) -> None:
    done = subprocess.run(
        [*cfasr_command(), "transcribe", "--no-such-flag", str(WEATHER_WAV)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "cfasr: error: No such option: --no-such-flag (see `cfasr transcribe --help`)"
    ]


# -- models ---------------------------------------------------------------------------------


def test_models_lists_the_eight_operations(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("models", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 8
    assert sorted(r["transport"] for r in rows).count("WebSocket") == 3
    turbo = next(r for r in rows if r["operation_id"] == "runWhisperLargeV3Turbo")
    assert "task (transcribe|translate)" in turbo["options"]
    assert turbo["cli"] == "cfasr transcribe"


def test_models_table_names_every_model(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("models")
    assert result.exit_code == 0, result.stderr
    for name in ("whisper-tiny-en", "nova-3-internal", "streamFlux", "runNova3", "WebSocket"):
        assert name in result.stdout


# -- serve ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        assert process.poll() is None, "cfasr serve exited early"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("cfasr serve did not start listening")


def test_serve_runs_the_emulator_with_a_token(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDFLARE_")}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*cfasr_command(), "serve", "--port", str(port), "--token", "serve-secret-1"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        _wait_for_port(port, process)
        url = f"http://127.0.0.1:{port}/client/v4"
        client_env = {
            **env,
            "CLOUDFLARE_API_TOKEN": "serve-secret-1",
            "CLOUDFLARE_ACCOUNT_ID": "0123456789abcdef0123456789abcdef",
            "CLOUDFLARE_BASE_URL": url,
        }
        refused = subprocess.run(
            [*cfasr_command(), "-q", "transcribe", "-m", "nova-3", str(WEATHER_WAV)],
            capture_output=True,
            text=True,
            env={**client_env, "CLOUDFLARE_API_TOKEN": "not-the-token"},
            check=False,
        )
        assert refused.returncode == 1
        assert "check $CLOUDFLARE_API_TOKEN" in refused.stderr
        response = httpx.get(f"http://127.0.0.1:{port}/client/v4/accounts/x/ai/run/@cf/none")
        assert response.status_code >= 400
    finally:
        process.terminate()
        process.wait(timeout=60)
    output = log.read_text()
    assert "saved in your shell history; set CFASR_EMULATOR_TOKEN instead" in output
    assert f"cfasr emulator on http://127.0.0.1:{port}/client/v4" in output


def test_serve_rejects_a_bad_port(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("serve", "--port", "70000")
    assert_one_line_error(result, code=2, contains="--port must be between 0 and 65535")


def test_serve_rejects_an_empty_token(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("serve", "--token", "")
    assert_one_line_error(result, code=2, contains="--token is empty")


def test_serve_passes_the_engine_deadline_to_the_emulator(cfasr_offline: Cfasr) -> None:
    # The emulator's own check answers (in the flag's words), so the flag reached its config.
    result = cfasr_offline("serve", "--engine-deadline", "0")
    assert_one_line_error(result, code=2, contains="--engine-deadline must be positive, got 0")
