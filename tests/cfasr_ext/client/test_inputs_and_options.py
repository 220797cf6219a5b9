"""Bad audio and bad options are refused before anything is sent; audio types are sniffed."""

from __future__ import annotations

from pathlib import Path

import pytest

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import Runner

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (WAV, None, "audio/wav"),
        (b"ID3\x04\x00" + b"\x00" * 20, None, "audio/mpeg"),
        (b"\xff\xfb\x90\x00" + b"\x00" * 20, None, "audio/mpeg"),
        (b"fLaC\x00\x00\x00\x22", None, "audio/flac"),
        (b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead", None, "audio/ogg"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", None, "audio/webm"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", None, "audio/mp4"),
        (b"\x00\x01\x02\x03", "voice.m4a", "audio/mp4"),
        (b"\x00\x01\x02\x03", "voice.opus", "audio/ogg"),
        (b"\x00\x01\x02\x03", None, None),
    ],
)
def test_content_type_is_sniffed_from_magic_then_extension(
    head: bytes, name: str | None, expected: str | None
) -> None:
    assert cf.sniff_content_type(head, name) == expected


def test_empty_audio_is_refused_before_sending(run: Runner) -> None:
    with pytest.raises(cf.AudioInputError, match="empty"):
        run(lambda c: c.whisper.transcribe(b""))
    assert run.server.requests == []


def test_empty_iterator_is_refused_before_sending(run: Runner) -> None:
    with pytest.raises(cf.AudioInputError, match="empty"):
        run(lambda c: c.nova_3.transcribe(iter([b"", b""])))
    assert run.server.requests == []


def test_missing_file_is_refused(run: Runner, tmp_path: Path) -> None:
    with pytest.raises(cf.AudioInputError, match="not found"):
        run(lambda c: c.whisper.transcribe(tmp_path / "nope.wav"))
    assert run.server.requests == []


def test_directory_is_refused(run: Runner, tmp_path: Path) -> None:
    with pytest.raises(cf.AudioInputError, match="directory"):
        run(lambda c: c.whisper.transcribe(tmp_path))


def test_unknown_option_is_an_option_error_listing_valid_ones(run: Runner) -> None:
    with pytest.raises(cf.OptionError, match=r"Valid options.*smart_format"):
        run(lambda c: c.nova_3.transcribe(WAV, smartformat=True))
    assert run.server.requests == []


@pytest.mark.parametrize(
    ("model", "options"),
    [
        ("whisper_large_v3_turbo", {"task": "summarise"}),
        ("whisper_large_v3_turbo", {"vad_filter": "false"}),
        ("nova_3", {"language": "klingon"}),
        ("nova_3", {"encoding": "linear16"}),
        ("nova_3", {"replace": "nocolon"}),
        ("nova_3", {"tags": "has spaces"}),
        ("whisper", {"body_format": "xml"}),
    ],
)
def test_out_of_range_options_are_refused_before_sending(
    run: Runner, model: str, options: dict[str, object]
) -> None:
    with pytest.raises(cf.OptionError):
        run(lambda c: getattr(c, model).transcribe(WAV, **options))
    assert run.server.requests == []


def test_flux_config_ranges_are_checked(run: Runner) -> None:
    with pytest.raises(cf.OptionError, match="eot_threshold"):
        run(lambda c: c.flux.run_config(eot_threshold=0.95))
