"""Long audio: split at silences into pieces a model accepts, then stitch the transcripts.

Whisper models fail or time out on long inputs (Cloudflare's own tutorial sends ~1 MB
pieces), so long audio is cut where it is quietest near evenly spaced targets, each piece is
sent as a 16-bit WAV, and the pieces' transcripts are stitched back with absolute times:

    pieces = [(offset, transcribe(wav)) for offset, wav in wav_pieces(pcm, 16_000)]
    transcript = stitch(pieces, duration=len(pcm) / 16_000)

(`wav_pieces` is `plan_chunks` + `chunk_to_wav`, encoding one piece at a time.)
Planning only needs the audio's energy envelope (mean square per 10 ms), so a recording too
long to hold can be measured while it is decoded (`EnergyEnvelope`) and planned from that
(`plan_chunks_from_energy`, which `plan_chunks` also uses). `plan_chunks`, `wav_pieces`,
`chunk_to_wav` and the envelope need numpy (the `audio` extra); it is imported when they are
called, so `stitch`, `Chunk` and `pcm16_to_wav` work without it.
"""

from __future__ import annotations

import io
import math
import re
import wave
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from cfasr_ext._errors import AudioInputError, OptionError
from cfasr_ext._extras import import_extra
from cfasr_ext.transcript import Segment, Transcript, Word, join_words

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.floating]

__all__ = [
    "DEFAULT_MAX_BYTES",
    "WAV_HEADER_BYTES",
    "Chunk",
    "EnergyEnvelope",
    "chunk_to_wav",
    "energy_hop",
    "pcm16_to_wav",
    "pcm_to_wav",
    "plan_chunks",
    "plan_chunks_from_energy",
    "stitch",
    "wav_pieces",
    "wav_size",
]

#: The header `wave` writes before the samples of a mono 16-bit file.
WAV_HEADER_BYTES = 44
#: About 31 s of 16 kHz mono 16-bit audio; the size Cloudflare's tutorial sends to Whisper.
DEFAULT_MAX_BYTES = 1_000_000
_BYTES_PER_SAMPLE = 2
_HOP_SECONDS = 0.01
_ENVELOPE_SLICE = 1 << 16
# Longest run of already-kept words compared with the start of the next piece.
_MAX_SEAM_WORDS = 8
_PUNCTUATION = re.compile(r"[^\w]+")


@attrs.frozen
class Chunk:
    """Samples `[start_sample, end_sample)` of the audio, at `sample_rate` Hz."""

    start_sample: int
    end_sample: int
    sample_rate: int = 16_000

    @property
    def start_seconds(self) -> float:
        """Where the piece starts in the whole audio: the offset to pass to `stitch`."""
        return self.start_sample / self.sample_rate

    @property
    def end_seconds(self) -> float:
        return self.end_sample / self.sample_rate

    @property
    def samples(self) -> int:
        return self.end_sample - self.start_sample

    @property
    def wav_bytes(self) -> int:
        """Size of the piece as written by `chunk_to_wav`."""
        return wav_size(self.samples)


def _numpy() -> Any:
    return import_extra("numpy", extra="audio", feature="splitting long audio")


def wav_size(samples: int) -> int:
    """Bytes of a mono 16-bit WAV file holding `samples` samples."""
    return WAV_HEADER_BYTES + _BYTES_PER_SAMPLE * samples


def plan_chunks(
    pcm: FloatArray,
    sample_rate: int = 16_000,
    *,
    max_seconds: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    search_seconds: float = 5.0,
    window_seconds: float = 0.1,
) -> list[Chunk]:
    """Contiguous pieces covering mono `pcm`, each at most `max_seconds` long and at most
    `max_bytes` as WAV (either limit may be None, not both). Cuts fall at the middle of the
    quietest `window_seconds` within `search_seconds` of evenly spaced targets, so pieces are
    of similar length. Raises `AudioInputError` for empty or multi-channel audio and
    `OptionError` for limits that leave no room."""
    np = _numpy()

    samples = np.asarray(pcm)
    if samples.ndim != 1:
        raise AudioInputError(
            f"chunking needs mono audio as a 1-D array, got shape {samples.shape}"
        )
    if samples.size == 0:
        raise AudioInputError("the audio has no samples; there is nothing to split")
    if sample_rate <= 0:
        raise OptionError(f"sample_rate must be positive, got {sample_rate}")
    envelope = EnergyEnvelope(sample_rate)
    envelope.add(samples)
    return plan_chunks_from_energy(
        envelope.energy(),
        envelope.samples,
        sample_rate,
        max_seconds=max_seconds,
        max_bytes=max_bytes,
        search_seconds=search_seconds,
        window_seconds=window_seconds,
    )


def plan_chunks_from_energy(
    energy: FloatArray,
    total_samples: int,
    sample_rate: int = 16_000,
    *,
    max_seconds: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    search_seconds: float = 5.0,
    window_seconds: float = 0.1,
) -> list[Chunk]:
    """`plan_chunks` for audio known only by its energy envelope (`EnergyEnvelope.energy()`:
    mean square per `energy_hop(sample_rate)` samples) and length, so a recording streamed to
    disk can be planned without holding it. Cuts fall on envelope steps. Raises
    `AudioInputError` for no audio and `OptionError` for an envelope that does not match
    `total_samples` or limits that leave no room."""
    np = _numpy()

    if sample_rate <= 0:
        raise OptionError(f"sample_rate must be positive, got {sample_rate}")
    if total_samples <= 0:
        raise AudioInputError("the audio has no samples; there is nothing to split")
    hop = energy_hop(sample_rate)
    levels = np.asarray(energy, dtype=np.float64)
    if levels.ndim != 1 or levels.size != -(-total_samples // hop):
        raise OptionError(
            f"the energy envelope must hold one value per {hop} samples: "
            f"{-(-total_samples // hop)} values for {total_samples} samples, "
            f"got shape {levels.shape}"
        )
    max_samples = _max_samples(sample_rate, max_seconds, max_bytes)
    steps = max(1, round(window_seconds * sample_rate / hop))
    chunks = []
    start = 0
    while total_samples - start > max_samples:
        remaining = total_samples - start
        target = start + remaining // math.ceil(remaining / max_samples)
        reach = min(round(search_seconds * sample_rate), (target - start) // 2)
        low, high = target - reach, min(start + max_samples, target + reach)
        first, last = -(-low // hop), high // hop
        cut = (
            hop * _quietest_step(levels, total_samples, hop, first, last, steps)
            if first <= last
            else target  # no envelope step in reach: only with a hop near a second
        )
        chunks.append(Chunk(start, cut, sample_rate))
        start = cut
    chunks.append(Chunk(start, total_samples, sample_rate))
    return chunks


def energy_hop(sample_rate: int) -> int:
    """Samples per value of the energy envelope: 10 ms (at least one sample)."""
    return max(1, round(_HOP_SECONDS * sample_rate))


class EnergyEnvelope:
    """The mean square of each 10 ms of audio fed in pieces of any size, for
    `plan_chunks_from_energy`: 100 floats per second of audio are all it keeps."""

    def __init__(self, sample_rate: int = 16_000) -> None:
        if sample_rate <= 0:
            raise OptionError(f"sample_rate must be positive, got {sample_rate}")
        self._np = _numpy()
        self._hop = energy_hop(sample_rate)
        self._levels = bytearray()  # float64s, native order: grows without copying per step
        self._partial = self._np.zeros(0, dtype=self._np.float64)
        self.samples = 0
        """How many samples have been added."""

    def add(self, pcm: FloatArray) -> None:
        """Add float samples (1-D, in [-1, 1])."""
        np = self._np
        samples = np.asarray(pcm).ravel()
        # A slice at a time, so a long array is never copied whole as float64.
        for begin in range(0, samples.size, _ENVELOPE_SLICE):
            fresh = samples[begin : begin + _ENVELOPE_SLICE].astype(np.float64)
            pending = np.concatenate((self._partial, fresh))
            whole = pending.size // self._hop * self._hop
            if whole:
                steps = pending[:whole].reshape(-1, self._hop)
                self._levels += (np.einsum("ij,ij->i", steps, steps) / self._hop).tobytes()
            self._partial = pending[whole:]
        self.samples += int(samples.size)

    def add_pcm16(self, data: bytes) -> None:
        """Add signed 16-bit little-endian mono PCM."""
        self.add(self._np.frombuffer(data, dtype="<i2") / 32768.0)

    def energy(self) -> FloatArray:
        """One mean square per 10 ms added so far, the last over the samples it has."""
        np = self._np
        levels: FloatArray = np.frombuffer(bytes(self._levels), dtype=np.float64)
        if self._partial.size:
            tail = np.dot(self._partial, self._partial) / self._partial.size
            levels = np.concatenate((levels, [tail]))
        return levels


def wav_pieces(
    pcm: FloatArray,
    sample_rate: int = 16_000,
    *,
    max_seconds: float | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[tuple[float, bytes]]:
    """`(offset_seconds, wav_bytes)` for each piece `plan_chunks` chooses, encoded lazily so
    only one piece is in memory at a time. Raises as `plan_chunks` does, before yielding."""
    chunks = plan_chunks(pcm, sample_rate, max_seconds=max_seconds, max_bytes=max_bytes)
    return ((chunk.start_seconds, chunk_to_wav(pcm, sample_rate, chunk)) for chunk in chunks)


def chunk_to_wav(pcm: FloatArray, sample_rate: int, chunk: Chunk) -> bytes:
    """The chunk's samples as a mono 16-bit WAV file (`chunk.wav_bytes` long)."""
    return pcm_to_wav(pcm[chunk.start_sample : chunk.end_sample], sample_rate)


def pcm_to_wav(pcm: FloatArray, sample_rate: int) -> bytes:
    """Float samples in [-1, 1] (louder ones are clipped) as a mono 16-bit WAV file."""
    np = _numpy()

    scaled = np.clip(np.asarray(pcm, dtype=np.float64), -1.0, 1.0) * 32767.0
    return pcm16_to_wav(np.round(scaled).astype("<i2").tobytes(), sample_rate)


def pcm16_to_wav(frames: bytes, sample_rate: int) -> bytes:
    """Signed 16-bit little-endian mono PCM as a WAV file, samples unchanged (no numpy)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(_BYTES_PER_SAMPLE)
        writer.setframerate(sample_rate)
        writer.writeframes(frames)
    return buffer.getvalue()


def stitch(
    pieces: Sequence[tuple[float, Transcript]],
    *,
    model: str | None = None,
    duration: float | None = None,
    seam_tolerance: float = 0.5,
) -> Transcript:
    """One transcript from `(offset_seconds, transcript)` pieces, in any order: words and
    segments move to absolute times, and words a piece repeats from the end of the piece
    before it (same text, starting within `seam_tolerance` s) are dropped. `duration`
    defaults to the end of the last piece when known; `raw` is the tuple of piece transcripts."""
    if not pieces:
        raise OptionError("stitch needs at least one (offset, transcript) piece")
    ordered = sorted(pieces, key=lambda piece: piece[0])
    words: list[Word] = []
    segments: list[Segment] = []
    texts: list[str] = []
    for offset, piece in ordered:
        if not math.isfinite(offset) or offset < 0:
            raise OptionError(f"piece offsets must be seconds >= 0, got {offset!r}")
        new_words = [word.shifted(offset) for word in piece.words]
        repeated = _repeated_at_seam(words, new_words, seam_tolerance)
        new_segments = [segment.shifted(offset) for segment in piece.segments]
        text = piece.text.strip()
        if repeated:
            new_segments = _drop_leading_words(new_segments, repeated)
            text = " ".join(s.text for s in new_segments) or join_words(new_words[repeated:])
        words.extend(new_words[repeated:])
        segments.extend(new_segments)
        if text:
            texts.append(text)
    last_offset, last = ordered[-1]
    if duration is None and last.duration is not None:
        duration = last_offset + last.duration
    return Transcript(
        text=" ".join(texts),
        words=tuple(words),
        segments=tuple(segments),
        language=next((p.language for _, p in ordered if p.language is not None), None),
        duration=duration,
        model=ordered[0][1].model if model is None else model,
        raw=tuple(piece for _, piece in ordered),
    )


def _max_samples(sample_rate: int, max_seconds: float | None, max_bytes: int | None) -> int:
    if max_seconds is None and max_bytes is None:
        raise OptionError("give max_seconds or max_bytes (or both) to bound each piece")
    limits = []
    if max_seconds is not None:
        limits.append(math.floor(max_seconds * sample_rate))
    if max_bytes is not None:
        limits.append((max_bytes - WAV_HEADER_BYTES) // _BYTES_PER_SAMPLE)
    # Below a second per piece the cuts could not fall in pauses between words.
    if min(limits) < sample_rate:
        raise OptionError(
            "max_seconds/max_bytes leave less than one second of audio per piece; raise them"
        )
    return min(limits)


def _quietest_step(
    levels: FloatArray, total_samples: int, hop: int, first: int, last: int, steps: int
) -> int:
    """The envelope step in [first, last] at the centre of the longest run of steps whose
    surrounding `steps` envelope values are quietest (a run, so digital silence is cut in
    its middle)."""
    np = _numpy()

    before = steps // 2
    low, high = max(0, first - before), min(levels.size, last + steps - before)
    counts = np.full(high - low, float(hop))
    if high == levels.size:  # the recording's last step may be shorter
        counts[-1] = total_samples - (levels.size - 1) * hop
    energy_sums = np.concatenate(([0.0], np.cumsum(levels[low:high] * counts)))
    count_sums = np.concatenate(([0.0], np.cumsum(counts)))
    centres = np.arange(first, last + 1)
    left = np.clip(centres - before - low, 0, high - low)
    right = np.clip(centres + steps - before - low, 0, high - low)
    energy = (energy_sums[right] - energy_sums[left]) / np.maximum(
        count_sums[right] - count_sums[left], 1.0
    )
    lowest = float(energy.min())
    quiet = energy <= lowest + max(lowest * 1e-6, 1e-12)
    best_start, best_length, run_start = 0, 0, -1
    for index, is_quiet in enumerate([*quiet.tolist(), False]):
        if is_quiet and run_start < 0:
            run_start = index
        elif not is_quiet and run_start >= 0:
            if index - run_start > best_length:
                best_start, best_length = run_start, index - run_start
            run_start = -1
    return int(centres[best_start + (best_length - 1) // 2])


def _repeated_at_seam(kept: Sequence[Word], new: Sequence[Word], tolerance: float) -> int:
    """How many leading words of `new` repeat the last words of `kept` at about the same time
    (a word cut in two at a seam is heard by both pieces)."""
    for count in range(min(len(kept), len(new), _MAX_SEAM_WORDS), 0, -1):
        tail = kept[len(kept) - count :]
        if all(_same_word(old, fresh, tolerance) for old, fresh in zip(tail, new, strict=False)):
            return count
    return 0


def _same_word(old: Word, fresh: Word, tolerance: float) -> bool:
    same_text = (
        _PUNCTUATION.sub("", old.text).casefold() == _PUNCTUATION.sub("", fresh.text).casefold()
    )
    return same_text and abs(fresh.start - old.start) <= tolerance


def _drop_leading_words(segments: Sequence[Segment], count: int) -> list[Segment]:
    """Segments without their first `count` words; emptied segments go, and a trimmed one is
    re-timed and re-texted from the words it keeps."""
    kept = []
    for segment in segments:
        if count <= 0 or not segment.words:
            kept.append(segment)
        elif count >= len(segment.words):
            count -= len(segment.words)
        else:
            rest = segment.words[count:]
            kept.append(Segment(join_words(rest), rest[0].start, segment.end, rest))
            count = 0
    return kept
