"""Speaker attribution of recognised words (nova-3 ``diarize=true``, issue 27), on real words.

The two-voice sample's turns are ground truth (``TWO_SPEAKERS.turns``, from the recipe in
``data/SOURCE.md``); the words come from the real engine, so their times carry Whisper's
errors, as they will when the emulator answers a request.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from cfasr_emulator.engine import (
    SAMPLES,
    TWO_SPEAKERS,
    Diarization,
    EngineWord,
    InferenceTimeout,
    NullEngine,
    Sample,
    SpeakerTurn,
    SpeechEngine,
    decode_audio,
    diarize,
)
from cfasr_emulator.engine.deadline import Deadline
from tests.cfasr_emulator.engine.decoding import decoding

pytestmark = pytest.mark.engine

Floats = npt.NDArray[np.float32]
RATE = 16_000


@pytest.fixture(scope="module")
def engine() -> SpeechEngine:
    eng = SpeechEngine()
    eng.preload("tiny.en")
    return eng


def _words(engine: SpeechEngine, audio: Floats, model: str = "tiny.en") -> list[EngineWord]:
    result = engine.transcribe(audio, model=model, options=decoding())  # type: ignore[arg-type]
    return [w for segment in result.segments for w in segment.words]


@pytest.fixture(scope="module")
def two_voices() -> Floats:
    return decode_audio(TWO_SPEAKERS.path.read_bytes())


@pytest.fixture(scope="module")
def two_voice_words(engine: SpeechEngine, two_voices: Floats) -> list[EngineWord]:
    return _words(engine, two_voices)


def _spans(words: Sequence[EngineWord]) -> list[tuple[float, float]]:
    return [(w.start, w.end) for w in words]


def _truth(words: Sequence[EngineWord], turns: Sequence[SpeakerTurn]) -> list[int]:
    """The speaker of the turn holding each word's midpoint (or the nearest turn to it)."""

    def distance(turn: SpeakerTurn, at: float) -> float:
        return max(turn.start - at, at - turn.end, 0.0)

    return [min(turns, key=lambda t: distance(t, (w.start + w.end) / 2)).speaker for w in words]


def accuracy(found: Sequence[int], truth: Sequence[int]) -> float:
    """Share of words on the right speaker under the best matching of labels."""
    labels = max([*found, *truth]) + 1
    best = max(
        sum(mapping[f] == t for f, t in zip(found, truth, strict=True))
        for mapping in itertools.permutations(range(labels))
    )
    return best / len(truth)


def _check_shape(result: Diarization, n: int) -> None:
    assert len(result.speakers) == len(result.confidences) == n
    assert all(0.0 <= c <= 1.0 for c in result.confidences)
    seen: list[int] = []
    for s in result.speakers:
        if s not in seen:
            seen.append(s)
    # Numbered from 0 in order of first appearance, as Deepgram does.
    assert seen == list(range(len(seen)))
    assert result.speaker_count == len(seen)


def test_two_voices_taking_turns_come_back_on_the_right_speaker(
    two_voices: Floats, two_voice_words: list[EngineWord]
) -> None:
    assert len(two_voice_words) >= 50
    result = diarize(two_voices, _spans(two_voice_words))
    _check_shape(result, len(two_voice_words))
    assert result.speaker_count == 2
    truth = _truth(two_voice_words, TWO_SPEAKERS.turns)
    assert accuracy(result.speakers, truth) >= 0.9


def test_the_engine_attributes_its_own_words_when_asked(
    engine: SpeechEngine, two_voices: Floats
) -> None:
    """``transcribe(diarize=True)``: one speaker per word of ``result.words``, same slot."""
    result = engine.transcribe(two_voices, model="tiny.en", options=decoding(), diarize=True)
    assert result.diarization is not None
    _check_shape(result.diarization, len(result.words))
    truth = _truth(result.words, TWO_SPEAKERS.turns)
    assert accuracy(result.diarization.speakers, truth) >= 0.9
    plain = engine.transcribe(two_voices, model="tiny.en", options=decoding())
    assert plain.diarization is None
    with pytest.raises(ValueError, match="word_timestamps"):
        engine.transcribe(
            two_voices, model="tiny.en", options=decoding(), diarize=True, word_timestamps=False
        )


def test_the_skip_engine_attributes_nothing(two_voices: Floats) -> None:
    result = NullEngine().transcribe(two_voices, model="tiny.en", options=decoding(), diarize=True)
    assert result.words == ()
    assert result.diarization is None


def test_the_pauses_alone_do_not_give_the_turns_away(two_voice_words: list[EngineWord]) -> None:
    """The sample needs the voices: a new speaker at every pause scores far below 90 %.

    The same scoring as above, applied to a timing-only guess (the best pause threshold),
    so the accuracy test above cannot pass on timing alone.
    """
    truth = _truth(two_voice_words, TWO_SPEAKERS.turns)
    best = 0.0
    for pause in (0.2, 0.3, 0.4, 0.5, 0.6, 0.8):
        guess, speaker = [], 0
        for previous, word in itertools.pairwise([None, *two_voice_words]):
            if previous is not None and word is not None and word.start - previous.end >= pause:
                speaker = 1 - speaker
            guess.append(speaker)
        best = max(best, accuracy(guess, truth))
    assert best < 0.9


def test_speakers_are_numbered_by_first_appearance_and_follow_the_voice(
    engine: SpeechEngine, two_voices: Floats
) -> None:
    """From the second turn on, the second voice speaks first, so it becomes speaker 0."""
    cut = TWO_SPEAKERS.turns[1].start - 0.2
    later = two_voices[int(cut * RATE) :]
    words = _words(engine, later)
    result = diarize(later, _spans(words))
    _check_shape(result, len(words))
    turns = [SpeakerTurn(t.speaker, t.start - cut, t.end - cut) for t in TWO_SPEAKERS.turns[1:]]
    truth = _truth(words, turns)
    assert truth[0] == 1
    assert result.speakers[0] == 0
    assert accuracy(result.speakers, truth) >= 0.9


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.path.stem)
def test_one_voice_is_one_speaker(engine: SpeechEngine, sample: Sample) -> None:
    audio = decode_audio(sample.path.read_bytes())
    words = _words(engine, audio)
    result = diarize(audio, _spans(words))
    _check_shape(result, len(words))
    assert set(result.speakers) == {0}
    assert result.speaker_count == 1


def test_one_voice_made_of_the_two_voice_sample_is_one_speaker(
    two_voices: Floats, two_voice_words: list[EngineWord]
) -> None:
    """Only speaker 0's turns (the low voice), joined: the clustering must not split it."""
    turns = [t for t in TWO_SPEAKERS.turns if t.speaker == 0]
    pieces, spans, offset = [], [], 0.0
    for turn in turns:
        lo, hi = int(turn.start * RATE), int(turn.end * RATE)
        pieces.append(two_voices[lo:hi])
        for w in two_voice_words:
            middle = (w.start + w.end) / 2
            if turn.start <= middle <= turn.end:
                spans.append(
                    (
                        max(w.start, turn.start) - turn.start + offset,
                        min(w.end, turn.end) - turn.start + offset,
                    )
                )
        offset += (hi - lo) / RATE
    result = diarize(np.concatenate(pieces), spans)
    assert len(spans) >= 25
    assert set(result.speakers) == {0}


def test_long_audio_is_capped_and_still_told_apart(
    two_voices: Floats, two_voice_words: list[EngineWord]
) -> None:
    """Twelve copies (4.5 min): more windows than the cap, so the hop grows; same answer."""
    copies = 12
    audio = np.tile(two_voices, copies)
    spans = [
        (s + i * TWO_SPEAKERS.duration, e + i * TWO_SPEAKERS.duration)
        for i in range(copies)
        for s, e in _spans(two_voice_words)
    ]
    result = diarize(audio, spans)
    _check_shape(result, len(spans))
    truth = _truth(two_voice_words, TWO_SPEAKERS.turns) * copies
    assert result.speaker_count == 2
    assert accuracy(result.speakers, truth) >= 0.9


def test_no_words_no_speakers() -> None:
    result = diarize(np.zeros(RATE, np.float32), [])
    assert result == Diarization(speakers=(), confidences=(), speaker_count=0)


@pytest.mark.parametrize(
    ("samples", "spans"),
    [
        (2 * RATE, [(0.1, 0.5), (0.6, 1.2), (1.3, 1.9)]),  # silence with words in it
        (100, [(0.0, 0.005)]),  # shorter than one frame
        (RATE, [(0.5, 0.5), (0.2, 0.4), (3.0, 4.0)]),  # empty, unordered, beyond the end
    ],
)
def test_silence_and_very_short_audio_give_one_speaker(
    samples: int, spans: list[tuple[float, float]]
) -> None:
    result = diarize(np.zeros(samples, np.float32), spans)
    _check_shape(result, len(spans))
    assert set(result.speakers) == {0}


def test_steady_noise_is_one_speaker() -> None:
    """Ten seconds of white noise at -40 dBFS, with thirty 'words' in it: no voices to split."""
    noise = np.random.default_rng(7).standard_normal(10 * RATE) * 10 ** (-40 / 20)
    spans = [(0.3 * i, 0.3 * i + 0.25) for i in range(30)]
    result = diarize(noise.astype(np.float32), spans)
    _check_shape(result, len(spans))
    assert result.speaker_count == 1


def test_a_few_words_of_speech_give_one_speaker(two_voices: Floats) -> None:
    """Under 0.5 s of voice is too little to tell voices apart: one speaker, no error."""
    turn = TWO_SPEAKERS.turns[1]
    result = diarize(two_voices, [(turn.start, turn.start + 0.3)])
    assert result.speakers == (0,)


def test_a_passed_deadline_stops_it(two_voices: Floats, two_voice_words: list[EngineWord]) -> None:
    deadline = Deadline(1e-9)
    with pytest.raises(InferenceTimeout):
        diarize(two_voices, _spans(two_voice_words), deadline=deadline)
