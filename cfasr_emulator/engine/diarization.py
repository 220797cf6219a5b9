"""Who spoke each recognised word: nova-3's ``diarize=true`` for the offline emulator.

Method (classical, numpy only; why below):

1. **Features** (:mod:`.speaker_features`): MFCCs and pitch of the 10 ms frames inside the
   recognised words.
2. **Windows**: the words' speech frames (pauses inside a word's span left out), in time
   order, are cut into windows of :data:`WINDOW_FRAMES` (1.5 s of speech) every
   :data:`HOP_FRAMES`. Each window's voice print is its mean cepstrum plus its median pitch
   (in octaves, weighted by :data:`PITCH_WEIGHT`). A window longer than a word averages out
   what is said and keeps who says it.
3. **Clustering**: average-linkage agglomerative clustering of the windows by Euclidean
   distance, stopped at :data:`DISTANCE_THRESHOLD`: the threshold, not a guess, decides how
   many speakers there are, so one voice comes back as one speaker. Clusters of fewer than
   :data:`MIN_CLUSTER_WINDOWS` windows (a window straddling a change of speaker) are merged
   into their nearest neighbour.
4. **Re-segmentation**: each speaker gets a diagonal Gaussian over frame cepstra and one
   over pitch, trained on the frames of its windows; every word is scored by its own frames
   under each speaker's model, and a two-pass (forward-backward) smoother over the words
   with a small cost for changing speaker (:data:`SWITCH_PROBABILITY`) turns the scores
   into a posterior per word. The speaker is the most likely one, the confidence its
   posterior. The models are re-trained on the words' labels and the words scored again
   (:data:`REFINE_ROUNDS`). The smoother is what keeps a short word ("I", "the") with
   its neighbours when its own few frames are ambiguous; a one-word interjection by the
   other voice needs evidence of its own worth two changes of speaker (about 8 nats after
   :data:`FRAME_SCALE`).

With one speaker found, every word gets speaker 0 and the same confidence,
``0.5 + 0.5 * (1 - d / DISTANCE_THRESHOLD)`` where ``d`` is the distance of the last merge:
near 1 when the windows were all alike, near 0.5 when they almost split. Under 0.5 s of
speech (too little to compare voices) every word gets speaker 0 with confidence 0.5.

Speakers are numbered from 0 in order of first appearance, as Deepgram does.

Why classical: no maintained PyPI wheel was found that ships speaker-embedding weights inside
the wheel and runs offline with numpy or onnxruntime (Resemblyzer ships its weights but runs
on torch; speakeronnx, redimnet2-onnx, wespeakerruntime and the like download their models
from a hub on first use, which the emulator must never do). MFCC and pitch statistics tell
apart the voices the emulator is tested with and need no weights; they are weaker than a
trained embedding on real voices of similar pitch and timbre.

Bounded cost: features are computed for word frames only (linear in the speech); at most
:data:`MAX_WINDOWS` windows are clustered (the hop grows on long audio), so the quadratic
distance matrix and the merges cost a fixed maximum; re-segmentation is linear in frames
and words. ``deadline`` is checked between the stages and feature blocks, so the work counts
against the engine deadline of the request that asked for it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .deadline import Deadline
from .speaker_features import (
    VoiceFrames,
    frame_count,
    voice_frames,
    word_frames,
)
from .types import Diarization

WINDOW_FRAMES = 150
"""1.5 s of speech frames per window: long enough to average out the words said in it."""
HOP_FRAMES = 75
"""Windows overlap by half, so every change of speaker has a window on each side of it."""
MAX_WINDOWS = 240
"""Cap on windows clustered: each merge scans the n x n distances, n merges in all, so the cost
is cubic in windows and bounded here (240 windows cover 3 minutes of speech at the normal
hop; longer audio gets a longer hop, and 30 minutes of audio diarize in about 4 s)."""
MIN_WINDOW_FRAMES = 50
"""A recording with less speech than this (0.5 s) is one window at most."""
PITCH_WEIGHT = 6.0
"""Distance units per octave of median pitch: a man and a woman (about an octave apart) are
6 apart on pitch alone, the same speaker's windows (within a few semitones) about 1."""
DISTANCE_THRESHOLD = 10.0
"""Average-linkage distance at which clusters stop merging. Measured (distance of the last
merge when everything is merged): one voice 4.5 (the bundled one-voice samples) to 7.1
(eSpeak dialogues and 75 s monologues in one voice); two different voices 12.0 to 13.0
(male and female, two female voices). Two male eSpeak voices of similar pitch merge at 7.7
and are NOT told apart: that is this method's limit."""
MIN_CLUSTER_WINDOWS = 2
MAX_SPEAKERS = 8
"""Clusters beyond this are merged into their nearest, so a noisy file gets no 40 speakers."""
SWITCH_PROBABILITY = 0.02
"""Prior chance that the next word has another speaker (turns last many words)."""
FRAME_SCALE = 0.02
"""Weight of each frame's log-likelihood: neighbouring 10 ms frames overlap and are far from
independent, so unscaled sums would make every posterior 0 or 1."""
VARIANCE_FLOOR = 0.1
PITCH_STD_FLOOR = 0.1
"""Octaves: a speaker's pitch model never gets narrower than a semitone or so."""
REFINE_ROUNDS = 2

Floats = npt.NDArray[np.float32]
Doubles = npt.NDArray[np.float64]


def diarize(
    audio: Floats,
    words: Sequence[tuple[float, float]],
    *,
    deadline: Deadline | None = None,
) -> Diarization:
    """Attribute each word (``(start, end)`` seconds) of 16 kHz mono float32 ``audio``.

    Words with no usable frames (zero length, beyond the audio, silent) take the speaker of
    their neighbours through the smoother. Raises :class:`~.failures.InferenceTimeout` once
    ``deadline`` has passed.
    """
    spans = [(float(s), float(e)) for s, e in words]
    if not spans:
        return Diarization(speakers=(), confidences=(), speaker_count=0)
    samples = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
    per_word = word_frames(spans, frame_count(len(samples)))
    index = np.unique(np.concatenate(per_word)) if per_word else np.zeros(0, np.int64)
    frames = voice_frames(samples, index, None if deadline is None else deadline.check)
    # Each word's frames as rows of ``frames`` (index is sorted and unique).
    rows = [np.searchsorted(frames.index, f) for f in per_word]
    labels, margin = _cluster(frames)
    _check(deadline)
    if labels is None:
        confidence = round(float(margin), 4)
        return Diarization(
            speakers=(0,) * len(spans), confidences=(confidence,) * len(spans), speaker_count=1
        )
    posterior = _resegment(frames, rows, labels, deadline)
    return _numbered(posterior)


def _check(deadline: Deadline | None) -> None:
    if deadline is not None:
        deadline.check()


def _windows(frames: VoiceFrames) -> list[npt.NDArray[np.int64]]:
    """Rows of the speech frames of each window, with the hop grown to cap their number."""
    speech = np.flatnonzero(frames.speech)
    if len(speech) < MIN_WINDOW_FRAMES:
        return []
    if len(speech) <= WINDOW_FRAMES:
        return [speech]
    hop = max(HOP_FRAMES, int(np.ceil((len(speech) - WINDOW_FRAMES) / (MAX_WINDOWS - 1))))
    starts = range(0, len(speech) - WINDOW_FRAMES + 1, hop)
    return [speech[s : s + WINDOW_FRAMES] for s in starts]


def _prints(frames: VoiceFrames, windows: list[npt.NDArray[np.int64]]) -> Doubles:
    """One voice print per window: mean cepstrum, then weighted median pitch."""
    voiced = frames.log_pitch[~np.isnan(frames.log_pitch)]
    fallback = float(np.median(voiced)) if len(voiced) else 7.0
    prints = np.zeros((len(windows), frames.cepstra.shape[1] + 1))
    for i, rows in enumerate(windows):
        prints[i, :-1] = frames.cepstra[rows].mean(axis=0)
        pitch = frames.log_pitch[rows]
        pitch = pitch[~np.isnan(pitch)]
        # A window with (almost) no voiced frame gets the file's median: pitch then neither
        # joins nor separates it.
        prints[i, -1] = PITCH_WEIGHT * (float(np.median(pitch)) if len(pitch) >= 10 else fallback)
    return prints


def _cluster(frames: VoiceFrames) -> tuple[npt.NDArray[np.int64] | None, float]:
    """Label every frame with a cluster (None: too little speech to tell voices apart).

    The second value is the confidence to give every word when one speaker is found: how far
    below the threshold the last merge was, mapped to [0.5, 1].
    """
    windows = _windows(frames)
    if len(windows) < 2:
        return None, 0.5
    prints = _prints(frames, windows)
    clusters, last_merge = _agglomerate(prints)
    window_label = np.zeros(len(windows), np.int64)
    for label, members in enumerate(clusters):
        window_label[members] = label
    if len(clusters) == 1:
        return None, 0.5 + 0.5 * max(0.0, 1.0 - last_merge / DISTANCE_THRESHOLD)
    # Each frame takes the label most of the windows holding it have.
    votes = np.zeros((len(frames.index), len(clusters)))
    for rows, window in zip(windows, window_label, strict=True):
        votes[rows, window] += 1
    labels = np.where(votes.sum(axis=1) > 0, votes.argmax(axis=1), -1)
    return labels, 0.0


def _agglomerate(prints: Doubles) -> tuple[list[list[int]], float]:
    """Average-linkage clusters of ``prints`` and the distance of the last merge made."""
    n = len(prints)
    distance = np.sqrt(((prints[:, None, :] - prints[None, :, :]) ** 2).sum(axis=-1))
    np.fill_diagonal(distance, np.inf)
    members: list[list[int]] = [[i] for i in range(n)]
    alive = np.ones(n, bool)
    last = 0.0
    while alive.sum() > 1:
        masked = np.where(alive[:, None] & alive[None, :], distance, np.inf)
        flat = int(np.argmin(masked))
        a, b = divmod(flat, n)
        gap = float(masked[a, b])
        small = min(len(members[i]) for i in np.flatnonzero(alive))
        if (
            gap > DISTANCE_THRESHOLD
            and alive.sum() <= MAX_SPEAKERS
            and small >= MIN_CLUSTER_WINDOWS
        ):
            break
        if gap > DISTANCE_THRESHOLD and alive.sum() <= MAX_SPEAKERS:
            # Only tiny clusters are left to merge: the closest pair that holds one.
            tiny = np.array([alive[i] and len(members[i]) < MIN_CLUSTER_WINDOWS for i in range(n)])
            masked = np.where(tiny[:, None] | tiny[None, :], masked, np.inf)
            flat = int(np.argmin(masked))
            a, b = divmod(flat, n)
        else:
            last = gap
        size_a, size_b = len(members[a]), len(members[b])
        # Lance-Williams update for average linkage.
        merged = (size_a * distance[a] + size_b * distance[b]) / (size_a + size_b)
        distance[a, :] = merged
        distance[:, a] = merged
        distance[a, a] = np.inf
        members[a] = members[a] + members[b]
        alive[b] = False
    return [members[i] for i in np.flatnonzero(alive)], last


def _resegment(
    frames: VoiceFrames,
    rows: list[npt.NDArray[np.int64]],
    labels: npt.NDArray[np.int64],
    deadline: Deadline | None,
) -> Doubles:
    """Posterior of each speaker for each word (words x speakers)."""
    k = int(labels.max()) + 1
    frame_label = labels
    posterior = np.full((len(rows), k), 1.0 / k)
    for _ in range(REFINE_ROUNDS):
        scores = _word_scores(frames, rows, frame_label, k)
        posterior = _smooth(scores)
        _check(deadline)
        # Re-train on the words' labels (frames of words only; a frame shared by two
        # words takes the later word's label).
        frame_label = np.full(len(frames.index), -1, np.int64)
        best = posterior.argmax(axis=1)
        for word_rows, label in zip(rows, best, strict=True):
            frame_label[word_rows] = label
    return posterior


def _word_scores(
    frames: VoiceFrames,
    rows: list[npt.NDArray[np.int64]],
    frame_label: npt.NDArray[np.int64],
    k: int,
) -> Doubles:
    """Scaled log-likelihood of each word's frames under each speaker's Gaussians."""
    speech = frames.speech
    frame_ll = np.zeros((len(frames.index), k))
    for c in range(k):
        train = (frame_label == c) & speech
        if train.sum() < 2:
            frame_ll[:, c] = -1e3
            continue
        ceps = frames.cepstra[train]
        mean, var = ceps.mean(axis=0), np.maximum(ceps.var(axis=0), VARIANCE_FLOOR)
        diff = frames.cepstra - mean
        frame_ll[:, c] = -0.5 * ((diff * diff / var).sum(axis=1) + np.log(var).sum())
        pitch = frames.log_pitch[train]
        pitch = pitch[~np.isnan(pitch)]
        if len(pitch) >= 10:
            # Median and MAD: octave errors of the pitch tracker and windows that straddle a
            # change of speaker would inflate a mean and a standard deviation.
            mu = float(np.median(pitch))
            sd = max(1.4826 * float(np.median(np.abs(pitch - mu))), PITCH_STD_FLOOR)
            voiced = ~np.isnan(frames.log_pitch)
            z = (frames.log_pitch[voiced] - mu) / sd
            frame_ll[voiced, c] += -0.5 * z * z - np.log(sd)
    frame_ll[~speech] = 0.0
    scores = np.zeros((len(rows), k))
    for w, word_rows in enumerate(rows):
        if len(word_rows):
            scores[w] = FRAME_SCALE * frame_ll[word_rows].sum(axis=0)
    return scores


def _smooth(scores: Doubles) -> Doubles:
    """Forward-backward over the words: posterior of each speaker given every word's scores."""
    n, k = scores.shape
    stay = np.log(1.0 - SWITCH_PROBABILITY)
    move = np.log(SWITCH_PROBABILITY / (k - 1))
    log_transition = np.full((k, k), move)
    np.fill_diagonal(log_transition, stay)
    forward = np.zeros((n, k))
    backward = np.zeros((n, k))
    forward[0] = scores[0] - np.log(k)
    for t in range(1, n):
        forward[t] = scores[t] + _logsumexp(forward[t - 1][:, None] + log_transition, axis=0)
    for t in range(n - 2, -1, -1):
        backward[t] = _logsumexp(
            log_transition + (scores[t + 1] + backward[t + 1])[None, :], axis=1
        )
    joint = forward + backward
    joint -= joint.max(axis=1, keepdims=True)
    posterior = np.exp(joint)
    return posterior / posterior.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def _logsumexp(values: Doubles, axis: int) -> Doubles:
    top = values.max(axis=axis, keepdims=True)
    return (np.log(np.exp(values - top).sum(axis=axis, keepdims=True)) + top).squeeze(axis)  # type: ignore[no-any-return]


def _numbered(posterior: Doubles) -> Diarization:
    """Speakers renumbered in order of first appearance; confidences from the posterior."""
    best = posterior.argmax(axis=1)
    order: dict[int, int] = {}
    for label in best:
        order.setdefault(int(label), len(order))
    speakers = tuple(order[int(label)] for label in best)
    confidences = tuple(round(float(p), 4) for p in posterior.max(axis=1))
    return Diarization(speakers=speakers, confidences=confidences, speaker_count=len(order))
