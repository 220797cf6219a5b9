"""Long audio: cuts fall in silences, pieces stay within budget, stitched times are absolute.

The "recording" is tone bursts (the words) separated by quiet gaps, with known times; a tiny
energy detector plays the model, hearing each piece on its own with piece-relative times.
"""

from __future__ import annotations

import io
import itertools
import wave

import numpy as np
import numpy.typing as npt
import pytest

from cfasr_ext._errors import AudioInputError, OptionError
from cfasr_ext.chunking import (
    WAV_HEADER_BYTES,
    Chunk,
    chunk_to_wav,
    pcm_to_wav,
    plan_chunks,
    stitch,
    wav_pieces,
    wav_size,
)
from cfasr_ext.transcript import Segment, Transcript, Word

RATE = 16_000
Audio = npt.NDArray[np.float32]


def burst_recording(seconds: float, seed: int = 7) -> tuple[Audio, list[tuple[float, float]]]:
    """Tone bursts of 0.2-0.7 s separated by 0.15-0.9 s of faint noise, and their times."""
    rng = np.random.default_rng(seed)
    pcm = rng.normal(0.0, 0.002, round(seconds * RATE)).astype(np.float32)
    bursts = []
    time = 0.3
    while True:
        length = float(rng.uniform(0.2, 0.7))
        if time + length > seconds - 0.3:
            break
        start = round(time * RATE)
        count = round(length * RATE)
        tone = 0.4 * np.sin(2 * np.pi * rng.uniform(150, 900) * np.arange(count) / RATE)
        pcm[start : start + count] += tone.astype(np.float32)
        bursts.append((start / RATE, (start + count) / RATE))
        time = (start + count) / RATE + float(rng.uniform(0.15, 0.9))
    return pcm, bursts


def hear(pcm: Audio, model: str = "fake") -> Transcript:
    """Word n for each loud 10 ms stretch, with times relative to the start of `pcm`."""
    hop = RATE // 100
    frames = pcm[: len(pcm) // hop * hop].reshape(-1, hop)
    loud = np.sqrt((frames.astype(np.float64) ** 2).mean(axis=1)) > 0.05
    words: list[Word] = []
    start = None
    for index, is_loud in enumerate([*loud.tolist(), False]):
        if is_loud and start is None:
            start = index
        elif not is_loud and start is not None:
            words.append(Word(f"w{len(words)}", start / 100, index / 100))
            start = None
    return Transcript.from_words(words, model=model, duration=len(pcm) / RATE)


@pytest.fixture(scope="module")
def recording() -> tuple[Audio, list[tuple[float, float]]]:
    return burst_recording(200.0)


def test_cuts_fall_inside_silences(recording: tuple[Audio, list[tuple[float, float]]]) -> None:
    pcm, bursts = recording
    chunks = plan_chunks(pcm, RATE, max_seconds=20.0)
    assert len(chunks) >= 10
    for chunk in chunks[1:]:
        cut = chunk.start_seconds
        assert not any(start <= cut <= end for start, end in bursts), cut


def test_pieces_cover_the_audio_contiguously_within_the_duration_budget(
    recording: tuple[Audio, list[tuple[float, float]]],
) -> None:
    pcm, _ = recording
    chunks = plan_chunks(pcm, RATE, max_seconds=20.0, max_bytes=None)
    assert chunks[0].start_sample == 0
    assert chunks[-1].end_sample == len(pcm)
    assert all(a.end_sample == b.start_sample for a, b in itertools.pairwise(chunks))
    assert all(0 < chunk.samples <= 20 * RATE for chunk in chunks)


def test_pieces_stay_within_the_byte_budget_as_encoded(
    recording: tuple[Audio, list[tuple[float, float]]],
) -> None:
    pcm, _ = recording
    chunks = plan_chunks(pcm, RATE, max_bytes=500_000)
    for chunk in chunks:
        encoded = chunk_to_wav(pcm, RATE, chunk)
        assert len(encoded) == chunk.wav_bytes <= 500_000


def test_default_budget_is_about_one_megabyte_per_piece(
    recording: tuple[Audio, list[tuple[float, float]]],
) -> None:
    pcm, _ = recording
    chunks = plan_chunks(pcm, RATE)
    assert all(chunk.wav_bytes <= 1_000_000 for chunk in chunks)
    # 200 s of 16-bit 16 kHz audio is 6.4 MB; cutting in silences may cost one more piece.
    assert 7 <= len(chunks) <= 8


def test_a_long_digital_silence_is_cut_near_its_middle() -> None:
    pcm = np.full(40 * RATE, 0.3, dtype=np.float32)
    pcm[18 * RATE : 22 * RATE] = 0.0
    (first, second) = plan_chunks(pcm, RATE, max_seconds=30.0)
    assert first.end_sample == second.start_sample
    assert abs(first.end_seconds - 20.0) <= 0.02


def test_short_audio_is_one_piece() -> None:
    pcm = np.zeros(5 * RATE, dtype=np.float32)
    assert plan_chunks(pcm, RATE) == [Chunk(0, 5 * RATE, RATE)]


@pytest.mark.parametrize(
    ("pcm", "error"),
    [
        (np.zeros((2, RATE), dtype=np.float32), AudioInputError),
        (np.zeros(0, dtype=np.float32), AudioInputError),
    ],
)
def test_audio_that_cannot_be_split_raises_audio_input_error(
    pcm: Audio, error: type[Exception]
) -> None:
    with pytest.raises(error):
        plan_chunks(pcm, RATE)


@pytest.mark.parametrize(
    "limits",
    [
        {"max_seconds": None, "max_bytes": None},
        {"max_seconds": 0.5},
        {"max_bytes": WAV_HEADER_BYTES + RATE},
    ],
)
def test_limits_without_room_raise_option_error(limits: dict[str, float | None]) -> None:
    with pytest.raises(OptionError):
        plan_chunks(np.zeros(RATE * 3, dtype=np.float32), RATE, **limits)  # type: ignore[arg-type]


def test_wav_holds_the_samples_as_16_bit_mono() -> None:
    pcm = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0], dtype=np.float32)
    data = pcm_to_wav(pcm, RATE)
    assert len(data) == wav_size(len(pcm))
    with wave.open(io.BytesIO(data)) as reader:
        assert (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) == (1, 2, RATE)
        samples = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    assert samples.tolist() == [0, 16384, -16384, 32767, -32767, 32767, -32767]


def test_stitched_words_have_absolute_times(
    recording: tuple[Audio, list[tuple[float, float]]],
) -> None:
    pcm, bursts = recording
    chunks = plan_chunks(pcm, RATE, max_seconds=20.0)
    pieces = [
        (chunk.start_seconds, hear(pcm[chunk.start_sample : chunk.end_sample])) for chunk in chunks
    ]
    stitched = stitch(pieces)
    assert len(stitched.words) == len(bursts)
    for word, (start, end) in zip(stitched.words, bursts, strict=True):
        assert abs(word.start - start) <= 0.011
        assert abs(word.end - end) <= 0.011
    assert stitched.duration == pytest.approx(200.0)
    assert [s.start for s in stitched.segments] == sorted(s.start for s in stitched.segments)


def piece(*words: tuple[str, float, float], model: str = "m") -> Transcript:
    return Transcript.from_words([Word(*word) for word in words], model=model, language="en")


def test_stitch_accepts_pieces_in_any_order_and_shifts_segments() -> None:
    first = piece(("One.", 0.5, 1.0), ("Two", 2.5, 3.0))
    second = piece(("Three.", 0.2, 0.6))
    stitched = stitch([(30.0, second), (0.0, first)], duration=31.0)
    assert stitched.text == "One. Two Three."
    assert [(w.text, w.start, w.end) for w in stitched.words] == [
        ("One.", 0.5, 1.0),
        ("Two", 2.5, 3.0),
        ("Three.", 30.2, 30.6),
    ]
    assert [(s.text, s.start, s.end) for s in stitched.segments] == [
        ("One.", 0.5, 1.0),
        ("Two", 2.5, 3.0),
        ("Three.", 30.2, 30.6),
    ]
    assert (stitched.duration, stitched.language, stitched.model) == (31.0, "en", "m")
    assert stitched.raw == (first, second)


def test_a_word_heard_by_both_pieces_at_a_seam_is_kept_once() -> None:
    before = piece(("we", 28.9, 29.2), ("met", 29.3, 29.9), ("yesterday,", 29.95, 30.0))
    after = piece(("Yesterday,", 0.0, 0.4), ("again.", 0.5, 0.9))
    stitched = stitch([(0.0, before), (30.0, after)])
    assert [w.text for w in stitched.words] == ["we", "met", "yesterday,", "again."]
    assert stitched.text == "we met yesterday, again."
    assert stitched.segments[-1] == Segment("again.", 30.5, 30.9, (Word("again.", 30.5, 30.9),))


def test_overlapping_pieces_drop_every_repeated_word() -> None:
    before = piece(("a", 8.0, 8.4), ("b", 8.5, 8.9), ("c", 9.0, 9.4))
    after = piece(("b", 0.5, 0.9), ("c", 1.0, 1.4), ("d", 1.5, 1.9))
    stitched = stitch([(0.0, before), (8.0, after)])
    assert [(w.text, w.start) for w in stitched.words] == [
        ("a", 8.0),
        ("b", 8.5),
        ("c", 9.0),
        ("d", 9.5),
    ]


def test_the_same_word_far_from_the_seam_is_kept() -> None:
    before = piece(("no", 20.0, 20.3))
    after = piece(("no", 2.0, 2.3))
    assert [w.start for w in stitch([(0.0, before), (20.0, after)]).words] == [20.0, 22.0]


def test_stitch_needs_a_piece_and_offsets_in_seconds() -> None:
    with pytest.raises(OptionError):
        stitch([])
    with pytest.raises(OptionError):
        stitch([(-1.0, piece())])


def test_wav_pieces_pair_each_encoded_piece_with_its_offset(
    recording: tuple[Audio, list[tuple[float, float]]],
) -> None:
    pcm, _ = recording
    chunks = plan_chunks(pcm, RATE, max_seconds=25.0)
    pieces = list(wav_pieces(pcm, RATE, max_seconds=25.0))
    assert [offset for offset, _ in pieces] == [chunk.start_seconds for chunk in chunks]
    assert [wav for _, wav in pieces] == [chunk_to_wav(pcm, RATE, chunk) for chunk in chunks]


def test_wav_pieces_reports_bad_limits_before_any_piece_is_made() -> None:
    with pytest.raises(OptionError):
        wav_pieces(np.zeros(RATE, dtype=np.float32), RATE, max_seconds=None, max_bytes=None)
