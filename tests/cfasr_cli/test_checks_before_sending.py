"""Input the command line can tell is bad is refused before anything is sent: exit 2."""

from __future__ import annotations

from pathlib import Path

from tests.cfasr_cli.conftest import WEATHER_WAV, Cfasr, assert_one_line_error


def test_stream_out_under_a_file_is_refused_before_connecting(
    cfasr_offline: Cfasr, tmp_path: Path
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a directory")
    result = cfasr_offline("stream", "-o", blocker / "talk.txt", WEATHER_WAV)
    # The offline server is unreachable, so a connection attempt would say so instead.
    assert_one_line_error(result, code=2, contains=str(blocker))


def test_stream_out_in_a_missing_directory_is_fine_to_create(
    cfasr_offline: Cfasr, tmp_path: Path
) -> None:
    result = cfasr_offline("stream", "-o", tmp_path / "new" / "talk.txt", WEATHER_WAV)
    assert_one_line_error(result, code=1, contains="--base-url")


def test_transcribe_empty_stdin_is_bad_input(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("-q", "transcribe", "-", input=b"")
    assert_one_line_error(result, code=2, contains="standard input is empty")


def test_stream_empty_stdin_is_refused_before_connecting(cfasr_offline: Cfasr) -> None:
    result = cfasr_offline("stream", "-", input=b"")
    assert_one_line_error(result, code=2, contains="standard input is empty")


def test_stream_a_file_that_is_not_audio_is_refused_before_connecting(
    cfasr_offline: Cfasr, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.wav"
    notes.write_text("this is not audio at all\n" * 20)
    result = cfasr_offline("stream", notes)
    assert_one_line_error(result, code=2, contains="could not be opened as audio")
