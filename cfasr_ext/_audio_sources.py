"""Audio inputs: every kind of source a caller may pass, checked and sniffed before sending.

A source (path, bytes, file object, iterator, `AudioFile`, or a `(filename, data, type)`
tuple) is checked and sniffed once by `open_audio`, before anything is sent. The resulting
`Audio` hands out fresh chunk iterators for each attempt when the source can be replayed
(paths, bytes, seekable files); a one-shot iterator can be read only once.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Generator,
    Iterable,
    Iterator,
)
from pathlib import Path
from typing import IO, Any, TypeAlias

import attrs

from cfasr_ext._errors import AudioInputError

__all__ = [
    "AudioFile",
    "AudioSource",
    "open_audio",
    "sniff_content_type",
]

CHUNK_SIZE = 64 * 1024


@attrs.frozen
class AudioFile:
    """Audio with an explicit filename and/or content type (either may be left to sniffing)."""

    data: Any
    filename: str | None = None
    content_type: str | None = None


AudioSource: TypeAlias = (
    str
    | os.PathLike[str]
    | bytes
    | bytearray
    | memoryview
    | IO[bytes]
    | Iterable[bytes]
    | AsyncIterable[bytes]
    | AudioFile
    | tuple[str | None, Any, str | None]
)

AUDIO_SUFFIXES: dict[str, str] = {
    ".wav": "audio/wav",
    ".wave": "audio/wav",
    ".mp3": "audio/mpeg",
    ".flac": "audio/flac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".webm": "audio/webm",
    ".weba": "audio/webm",
    ".mkv": "audio/x-matroska",
    ".mka": "audio/x-matroska",
    ".m4a": "audio/mp4",
    ".mp4": "audio/mp4",
    ".aac": "audio/aac",
}
"""The file suffixes read as audio when the first bytes do not say, and their MIME types."""


def sniff_content_type(head: bytes, filename: str | None = None) -> str | None:
    """The audio MIME type from the first bytes, else from the file extension, else None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[:3] == b"ID3":
        return "audio/mpeg"
    if head[:4] == b"fLaC":
        return "audio/flac"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "audio/webm" if b"webm" in head[:64] else "audio/x-matroska"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xF6 == 0xF0:
            return "audio/aac"
        if head[1] & 0xE0 == 0xE0:
            return "audio/mpeg"
    if filename:
        return AUDIO_SUFFIXES.get(Path(filename).suffix.lower())
    return None


@attrs.define
class Audio:
    """A checked audio source. `chunks()` may be called once per attempt if `replayable`."""

    content_type: str
    filename: str | None
    size: int | None
    replayable: bool
    _head: bytes
    _path: Path | None = None
    _data: memoryview | None = None
    _file: IO[bytes] | None = None
    _file_start: int = 0
    _iterator: Iterator[bytes] | None = None
    _async_iterator: AsyncIterator[bytes] | None = None
    started: bool = False

    @property
    def is_async_only(self) -> bool:
        return self._async_iterator is not None

    def chunks(self, chunk_size: int = CHUNK_SIZE) -> Generator[bytes, None, None]:
        """The bytes in chunks; raises `AudioInputError` if a one-shot source was already read."""
        self._claim()
        if self._data is not None:
            for start in range(0, len(self._data), chunk_size):
                yield bytes(self._data[start : start + chunk_size])
        elif self._path is not None:
            with self._path.open("rb") as handle:
                while block := handle.read(chunk_size):
                    yield block
        elif self._file is not None:
            self._file.seek(self._file_start)
            yield from _read_blocks(self._file, chunk_size)
        elif self._iterator is not None:
            yield from _rechunk(_prepend(self._head, self._iterator), chunk_size)
        else:
            raise AudioInputError(
                "this audio is an async iterator; use AsyncClient, or pass a path or bytes."
            )

    async def achunks(self, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        """Async twin of `chunks` (async iterators are only readable this way).

        Paths, files and sync iterators may block on every read, so each block is read in a
        worker thread (`asyncio.to_thread`) and the event loop keeps running; memory stays
        at one block in flight."""
        if self._async_iterator is not None:
            async for block in self._async_chunks(self._async_iterator, chunk_size):
                yield block
            return
        if self._data is not None:
            for block in self.chunks(chunk_size):
                yield block
            return
        blocks = self.chunks(chunk_size)
        try:
            while (piece := await asyncio.to_thread(_next_block, blocks)) is not None:
                yield piece
        finally:
            # Still running in its thread after a cancellation: it closes when collected.
            with contextlib.suppress(ValueError):
                blocks.close()

    async def _async_chunks(
        self, pieces: AsyncIterator[bytes], chunk_size: int
    ) -> AsyncIterator[bytes]:
        self._claim()
        if self._head:
            yield self._head
        buffer = bytearray()
        async for piece in pieces:
            buffer += piece
            while len(buffer) >= chunk_size:
                yield bytes(buffer[:chunk_size])
                del buffer[:chunk_size]
        if buffer:
            yield bytes(buffer)

    def read_all(self) -> bytes:
        """The whole audio in memory; only for small bodies (batch items)."""
        return b"".join(self.chunks())

    def _claim(self) -> None:
        if self.started and not self.replayable:
            raise AudioInputError(
                "this audio came from a one-shot iterator that was already (partly) sent, so it "
                "cannot be replayed for a retry; pass a path, bytes or a seekable file instead."
            )
        self.started = True


def _next_block(blocks: Iterator[bytes]) -> bytes | None:
    return next(blocks, None)


def _read_blocks(handle: IO[bytes], chunk_size: int) -> Iterator[bytes]:
    while block := handle.read(chunk_size):
        if not isinstance(block, bytes | bytearray):
            raise AudioInputError("the file object returned text; open it in binary mode ('rb').")
        yield bytes(block)


def _prepend(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if head:
        yield head
    for piece in rest:
        if not isinstance(piece, bytes | bytearray | memoryview):
            raise AudioInputError(
                f"the audio iterator yielded {type(piece).__name__}; it must yield bytes."
            )
        yield bytes(piece)


def _rechunk(pieces: Iterator[bytes], chunk_size: int) -> Iterator[bytes]:
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= chunk_size:
            yield bytes(buffer[:chunk_size])
            del buffer[:chunk_size]
    if buffer:
        yield bytes(buffer)


_EMPTY = "the audio is empty (0 bytes); pass a recording with sound in it."


def _from_path(path: Path, content_type: str | None) -> Audio:
    if not path.exists():
        raise AudioInputError(f"audio file not found: {path}; check the path.")
    if path.is_dir():
        raise AudioInputError(f"{path} is a directory; pass an audio file inside it.")
    size = path.stat().st_size
    if size == 0:
        raise AudioInputError(f"{path}: {_EMPTY}")
    with path.open("rb") as handle:
        head = handle.read(64)
    return Audio(
        content_type=content_type or sniff_content_type(head, path.name) or _UNKNOWN,
        filename=path.name,
        size=size,
        replayable=True,
        head=head,
        path=path,
    )


_UNKNOWN = "application/octet-stream"


def _from_file(handle: IO[bytes], filename: str | None, content_type: str | None) -> Audio:
    name = filename or _file_name(handle)
    seekable = _is_seekable(handle)
    if seekable:
        start = handle.tell()
        head = handle.read(64)
        if not isinstance(head, bytes | bytearray):
            raise AudioInputError("the file object returned text; open it in binary mode ('rb').")
        end = handle.seek(0, io.SEEK_END)
        handle.seek(start)
        if end - start <= 0:
            raise AudioInputError(_EMPTY)
        return Audio(
            content_type=content_type or sniff_content_type(bytes(head), name) or _UNKNOWN,
            filename=name,
            size=end - start,
            replayable=True,
            head=bytes(head),
            file=handle,
            file_start=start,
        )
    return _from_iterator(_read_blocks(handle, CHUNK_SIZE), name, content_type)


def _from_iterator(
    pieces: Iterator[bytes], filename: str | None, content_type: str | None
) -> Audio:
    head = b""
    for piece in pieces:
        head = _checked_piece(piece)
        if head:
            break
    return _one_shot(head, filename, content_type, iterator=pieces)


def _checked_piece(piece: object) -> bytes:
    """One item of a caller's audio iterator as bytes; anything else is an `AudioInputError`."""
    if not isinstance(piece, bytes | bytearray | memoryview):
        raise AudioInputError(
            f"the audio iterator yielded {type(piece).__name__}; it must yield bytes."
        )
    return bytes(piece)


def _one_shot(head: bytes, filename: str | None, content_type: str | None, **source: Any) -> Audio:
    """Audio from an iterator whose first non-empty piece was `head` (it cannot be replayed)."""
    if not head:
        raise AudioInputError(_EMPTY)
    return Audio(
        content_type=content_type or sniff_content_type(head, filename) or _UNKNOWN,
        filename=filename,
        size=None,
        replayable=False,
        head=head,
        **source,
    )


def _file_name(handle: object) -> str | None:
    name = getattr(handle, "name", None)
    return os.path.basename(name) if isinstance(name, str) else None


def _is_seekable(handle: IO[bytes]) -> bool:
    try:
        return bool(handle.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _tuple_parts(source: tuple[Any, ...]) -> tuple[str | None, Any, str | None]:
    name, data, kind = source
    if not (name is None or isinstance(name, str)) or not (kind is None or isinstance(kind, str)):
        raise AudioInputError("an audio tuple must be (filename: str, data, content_type: str).")
    return name, data, kind


def open_audio(
    source: AudioSource, *, content_type: str | None = None, filename: str | None = None
) -> Audio:
    """Check and sniff a sync-readable source; raises `AudioInputError` saying what to fix."""
    if isinstance(source, AudioFile):
        return open_audio(
            source.data,
            content_type=content_type or source.content_type,
            filename=filename or source.filename,
        )
    if isinstance(source, tuple):
        if len(source) != 3:
            raise AudioInputError("an audio tuple must be (filename, data, content_type).")
        name, data, kind = _tuple_parts(source)
        return open_audio(data, content_type=content_type or kind, filename=filename or name)
    if isinstance(source, str | os.PathLike):
        return _from_path(Path(source), content_type)
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source).cast("B")
        if len(view) == 0:
            raise AudioInputError(_EMPTY)
        head = bytes(view[:64])
        return Audio(
            content_type=content_type or sniff_content_type(head, filename) or _UNKNOWN,
            filename=filename,
            size=len(view),
            replayable=True,
            head=head,
            data=view,
        )
    if hasattr(source, "read"):
        return _from_file(source, filename, content_type)  # type: ignore[arg-type]
    if isinstance(source, AsyncIterable):
        raise AudioInputError(
            "an async iterator of bytes needs AsyncClient (or use open_audio_async)."
        )
    if isinstance(source, Iterable):
        return _from_iterator(iter(source), filename, content_type)
    raise AudioInputError(
        f"unsupported audio source of type {type(source).__name__}; pass a path, bytes, a "
        "binary file, an iterator of bytes or AudioFile(data, filename, content_type)."
    )


async def open_audio_async(
    source: AudioSource, *, content_type: str | None = None, filename: str | None = None
) -> Audio:
    """Like `open_audio`, and also accepts an async iterator of bytes."""
    if isinstance(source, AudioFile):
        return await open_audio_async(
            source.data,
            content_type=content_type or source.content_type,
            filename=filename or source.filename,
        )
    if isinstance(source, tuple) and len(source) == 3:
        name, data, kind = _tuple_parts(source)
        return await open_audio_async(
            data, content_type=content_type or kind, filename=filename or name
        )
    if isinstance(source, bytes | bytearray | memoryview):
        return open_audio(source, content_type=content_type, filename=filename)
    if not isinstance(source, AsyncIterable):
        # Opening reads the first bytes (and stats a path): off the event loop as well.
        return await asyncio.to_thread(
            open_audio, source, content_type=content_type, filename=filename
        )
    iterator = aiter(source)
    head = b""
    async for piece in iterator:
        head = _checked_piece(piece)
        if head:
            break
    return _one_shot(head, filename, content_type, async_iterator=iterator)
