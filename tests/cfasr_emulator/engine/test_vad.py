"""Streaming VAD: speech start, endpointing and end of turn on the bundled samples."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt
import pytest

from cfasr_emulator.engine import (
    TWO_SENTENCES,
    WEATHER,
    StreamingVad,
    VadEvent,
    decode_audio,
    speech_regions,
)

Floats = npt.NDArray[np.float32]


@pytest.fixture(scope="module")
def two() -> Floats:
    return decode_audio(TWO_SENTENCES.path.read_bytes())


def _events(vad: StreamingVad, pieces: list[object]) -> list[VadEvent]:
    events: list[VadEvent] = []
    for piece in pieces:
        events += vad.process(piece).events  # type: ignore[arg-type]
    events += vad.flush().events
    return events


def test_two_sentences_give_two_turns(two: Floats) -> None:
    regions = speech_regions(two)
    assert len(regions) == 2, regions
    (s1, e1), (s2, e2) = regions
    # Speech is at 0.25-3.15 s and 4.80-8.05 s in the file (see data/SOURCE.md).
    assert 0.15 <= s1 <= 0.45
    assert 2.9 <= e1 <= 3.6
    assert 4.5 <= s2 <= 4.95
    assert 7.8 <= e2 <= TWO_SENTENCES.duration
    assert s2 - e1 > 1.0


def test_endpoint_latency_follows_min_silence(two: Floats) -> None:
    events = _events(StreamingVad(min_silence_ms=500), [two])
    first_end = next(e for e in events if e.kind == "speech_end")
    assert 0.45 <= first_end.detected_at - first_end.time <= 0.7
    quick = _events(StreamingVad(min_silence_ms=200), [two])
    assert next(e for e in quick if e.kind == "speech_end").detected_at < first_end.detected_at


@pytest.mark.parametrize("piece_ms", [10, 32, 250])
def test_same_events_whatever_the_framing_and_format(two: Floats, piece_ms: int) -> None:
    reference = _events(StreamingVad(), [two])
    step = 16 * piece_ms
    int16 = (two * 32767).astype(np.int16)
    as_int16 = _events(StreamingVad(), [int16[i : i + step] for i in range(0, int16.size, step)])
    as_bytes = _events(
        StreamingVad(), [int16[i : i + step].tobytes() for i in range(0, int16.size, step)]
    )
    kinds = [e.kind for e in reference]
    assert [e.kind for e in as_int16] == kinds
    assert [e.kind for e in as_bytes] == kinds
    for a, b in zip(reference, as_int16, strict=True):
        assert abs(a.time - b.time) <= 0.07


def test_frames_cover_the_stream_in_audio_time(two: Floats) -> None:
    vad = StreamingVad()
    frames = list(vad.process(two[:16_000]).frames) + list(vad.process(two[16_000:]).frames)
    frames += vad.flush().frames
    assert frames[0].start == 0.0
    assert frames[-1].end == pytest.approx(TWO_SENTENCES.duration)
    assert all(a.end == pytest.approx(b.start) for a, b in itertools.pairwise(frames))
    assert all(0.0 <= f.probability <= 1.0 for f in frames)
    pause = [f.probability for f in frames if 3.6 <= f.start <= 4.5]
    speech = [f.probability for f in frames if 1.0 <= f.start <= 2.5]
    assert max(pause) < 0.2
    assert float(np.mean(speech)) > 0.7


def test_silence_has_no_events() -> None:
    vad = StreamingVad()
    update = vad.process(np.zeros(16_000 * 2, dtype=np.float32))
    assert update.events == ()
    assert vad.flush().events == ()
    assert not vad.in_speech


def test_flush_closes_an_open_turn(two: Floats) -> None:
    vad = StreamingVad()
    events = list(vad.process(two[: 2 * 16_000]).events)
    assert [e.kind for e in events] == ["speech_start"]
    assert vad.in_speech
    closing = vad.flush().events
    assert [e.kind for e in closing] == ["speech_end"]
    assert closing[0].time <= 2.0


def test_reset_restarts_the_audio_clock(two: Floats) -> None:
    vad = StreamingVad()
    first = _events(vad, [two])
    vad.reset()
    assert vad.position == 0.0
    second = _events(vad, [two])
    assert [(e.kind, round(e.time, 3)) for e in first] == [
        (e.kind, round(e.time, 3)) for e in second
    ]


def test_single_sentence_is_one_region() -> None:
    regions = speech_regions(decode_audio(WEATHER.path.read_bytes()))
    assert len(regions) == 1
    assert regions[0][0] < 0.5
    assert regions[0][1] > 3.0


def test_rejects_wrong_shapes() -> None:
    vad = StreamingVad()
    with pytest.raises(ValueError, match="mono"):
        vad.process(np.zeros((2, 512), dtype=np.float32))
    with pytest.raises(ValueError, match="even"):
        vad.process(b"\x00\x01\x02")
    with pytest.raises(ValueError, match="int16"):
        vad.process(np.zeros(512, dtype=np.int32))
