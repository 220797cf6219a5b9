"""`cfasr transcribe` against the emulator, through CliRunner and as a real subprocess."""

from __future__ import annotations

import io
import json
import shutil
import wave
from pathlib import Path

from cfasr_ext.subtitles import Cue, parse_srt, parse_vtt
from cfasr_ext.transcript import Transcript
from tests.cfasr_cli.conftest import (
    TWO_SENTENCES_WAV,
    WEATHER_TEXT,
    WEATHER_WAV,
    Cfasr,
    assert_one_line_error,
)

TINY = "whisper-tiny-en"


def _cue_text(cues: list[Cue]) -> str:
    return " ".join(" ".join(cue.lines) for cue in cues)


def test_txt_goes_to_stdout_and_progress_to_stderr(cfasr: Cfasr) -> None:
    result = cfasr("transcribe", WEATHER_WAV)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == WEATHER_TEXT + "\n"
    assert "1 files: 1 transcribed, 0 skipped, 0 failed" in result.stderr


def test_json_on_stdout_is_one_parseable_transcript(cfasr: Cfasr) -> None:
    result = cfasr(
        "transcribe", "-f", "json", "-m", "nova-3", "--diarize", "--keyterm", "park", WEATHER_WAV
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    transcript = Transcript.from_dict(data)
    assert transcript.model == "@cf/deepgram/nova-3"
    assert transcript.text.lower().startswith("the weather is nice today")
    assert [w.text for w in transcript.words][-1].startswith("park")


def test_srt_and_vtt_files_in_out_read_back(cfasr: Cfasr, tmp_path: Path) -> None:
    for fmt, parse in (("srt", parse_srt), ("vtt", parse_vtt)):
        result = cfasr("-q", "transcribe", "-m", TINY, "-f", fmt, "-o", tmp_path, WEATHER_WAV)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        cues = parse((tmp_path / f"weather_park.{fmt}").read_text())
        assert _cue_text(cues) == WEATHER_TEXT
        assert cues[-1].end <= 5.0


def test_a_directory_is_transcribed_concurrently_keeping_its_layout(
    cfasr: Cfasr, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    (source / "day2").mkdir(parents=True)
    shutil.copy(WEATHER_WAV, source / "a.wav")
    shutil.copy(WEATHER_WAV, source / "day2" / "b.wav")
    shutil.copy(TWO_SENTENCES_WAV, source / "c.wav")
    (source / "notes.txt").write_text("not audio")
    out = tmp_path / "out"
    result = cfasr("transcribe", "-j", "3", "-m", TINY, "-o", out, source)
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [
        "a.txt",
        "c.txt",
        "day2",
        "day2/b.txt",
    ]
    assert (out / "day2" / "b.txt").read_text() == WEATHER_TEXT + "\n"
    assert "park" in (out / "c.txt").read_text()
    assert "3 files: 3 transcribed, 0 skipped, 0 failed" in result.stderr


def test_resume_skips_complete_outputs_and_redoes_broken_ones(cfasr: Cfasr, tmp_path: Path) -> None:
    shutil.copy(WEATHER_WAV, tmp_path / "a.wav")
    shutil.copy(WEATHER_WAV, tmp_path / "b.wav")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text(Transcript.from_words([], model="kept").to_json() + "\n")
    (out / "b.json").write_text('{"text": "cut off')
    result = cfasr(
        "transcribe",
        "--resume",
        "-m",
        TINY,
        "-f",
        "json",
        "-o",
        out,
        tmp_path / "a.wav",
        tmp_path / "b.wav",
    )
    assert result.exit_code == 0, result.stderr
    assert "2 files: 1 transcribed, 1 skipped, 0 failed" in result.stderr
    assert Transcript.from_json((out / "a.json").read_text()).model == "kept"
    assert Transcript.from_json((out / "b.json").read_text()).text == WEATHER_TEXT


def test_resume_redoes_empty_and_cut_off_subtitles(cfasr: Cfasr, tmp_path: Path) -> None:
    shutil.copy(WEATHER_WAV, tmp_path / "empty.wav")
    shutil.copy(WEATHER_WAV, tmp_path / "two.wav")
    out = tmp_path / "out"
    out.mkdir()
    (out / "empty.srt").write_text("")
    (out / "two.srt").write_text("1\n00:00:00,000 --> 00:00:01,500\nHello the")
    result = cfasr(
        "transcribe",
        "--resume",
        "-m",
        TINY,
        "-f",
        "srt",
        "-o",
        out,
        *sorted(tmp_path.glob("*.wav")),
    )
    assert result.exit_code == 0, result.stderr
    assert "2 files: 2 transcribed, 0 skipped, 0 failed" in result.stderr
    for name in ("empty.srt", "two.srt"):
        assert _cue_text(parse_srt((out / name).read_text())) == WEATHER_TEXT


def test_dash_reads_audio_from_stdin(cfasr: Cfasr) -> None:
    result = cfasr("-q", "transcribe", "-m", TINY, "-", input=WEATHER_WAV.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == WEATHER_TEXT + "\n"
    assert result.stderr == ""


def test_a_failed_file_is_listed_and_the_others_still_written(cfasr: Cfasr, tmp_path: Path) -> None:
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"this is not audio at all" * 10)
    out = tmp_path / "out"
    result = cfasr("transcribe", "-m", TINY, "-o", out, WEATHER_WAV, bad)
    assert result.exit_code == 1
    assert (out / "weather_park.txt").read_text() == WEATHER_TEXT + "\n"
    assert not (out / "broken.txt").exists()
    assert "2 files: 1 transcribed, 0 skipped, 1 failed" in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("cfasr: error:")]
    assert len(errors) == 1
    assert "broken.wav: HTTP 400" in errors[0]
    assert "Traceback" not in result.stderr


def test_an_option_out_of_range_is_refused_before_sending(cfasr: Cfasr) -> None:
    result = cfasr("transcribe", "--task", "summarise", WEATHER_WAV)
    assert_one_line_error(result, code=2, contains="task='summarise' must be one of")


def test_a_value_only_the_emulator_refuses_is_sent_and_refused_there(cfasr: Cfasr) -> None:
    # beam_size's 1..20 is the emulator's own limit: the CLI sends 99, the emulator says no.
    result = cfasr("-q", "transcribe", "--beam-size", "99", WEATHER_WAV)
    assert_one_line_error(result, code=1, contains="emulator")
    assert "beam_size" in result.stderr


def test_a_refused_token_stops_the_run_with_one_reason(cfasr: Cfasr, tmp_path: Path) -> None:
    env = {**cfasr.env, "CLOUDFLARE_API_TOKEN": "wrong-token-value"}
    result = cfasr("-q", "transcribe", "-o", tmp_path, WEATHER_WAV, env=env)
    assert_one_line_error(result, code=1, contains="check $CLOUDFLARE_API_TOKEN")
    assert "wrong-token-value" not in result.stderr


def _long_recording(path: Path, copies: int) -> float:
    """`copies` times the weather sentence, each followed by 1 s of silence."""
    with wave.open(str(WEATHER_WAV), "rb") as reader:
        params = reader.getparams()
        speech = reader.readframes(params.nframes)
    silence = b"\0" * params.sampwidth * params.framerate
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setparams(params)
        writer.writeframes((speech + silence) * copies)
    path.write_bytes(buffer.getvalue())
    return params.nframes / params.framerate + 1.0


def test_chunking_splits_long_audio_and_stitches_absolute_times(
    cfasr: Cfasr, tmp_path: Path
) -> None:
    recording = tmp_path / "long.wav"
    period = _long_recording(recording, copies=3)
    whole = Transcript.from_json(
        cfasr("-q", "transcribe", "-m", TINY, "-f", "json", WEATHER_WAV).stdout
    )
    result = cfasr(
        "-q",
        "transcribe",
        "-m",
        TINY,
        "--chunking",
        "--chunk-bytes",
        "200000",
        "-f",
        "json",
        recording,
    )
    assert result.exit_code == 0, result.stderr
    transcript = Transcript.from_json(result.stdout)
    # Each piece is a separate request to the tiny model, so allow its small slips.
    assert transcript.text.count("The weather is nice") == 3, transcript.text
    assert transcript.text.count("we will meet in the park.") == 3, transcript.text
    firsts = [w.start for w in transcript.words if w.text == "The"]
    expected = [whole.words[0].start + k * period for k in range(3)]
    assert all(abs(a - b) < 0.3 for a, b in zip(firsts, expected, strict=True)), firsts
    assert transcript.duration is not None
    assert abs(transcript.duration - 3 * period) < 0.05
