"""Speaker labels that hold for a whole nova-3 stream (``diarize=true`` on the WebSocket).

Each final covers a few seconds; diarizing it alone would number its speakers from 0 again
every time. So the session keeps the speech of its recent finals (at most
:data:`KEPT_SECONDS`) with the labels they were given, diarizes the kept speech together with
the new clip (:func:`~cfasr_emulator.engine.diarization.diarize`). While the kept speech
still starts the stream, that diarization's own numbering (by first appearance) is the
session's; once old speech has been forgotten, each speaker found is named after the session
speaker most of its kept words had, and a voice never heard before gets the next number. A
new voice needs a couple of seconds of speech before it is told apart, so its first words
may be given to the speaker before it, as a live diarizer's first guess can be. Cost stays
bounded: the kept speech is capped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..engine.decode import SAMPLE_RATE, FloatAudio
from ..engine.diarization import diarize

__all__ = ["KEPT_SECONDS", "SessionSpeakers"]

KEPT_SECONDS = 60.0
"""Seconds of past finals kept to compare new voices with (older ones are forgotten)."""


class SessionSpeakers:
    """The speakers of one stream; not thread-safe, like the recognizer that owns it."""

    def __init__(self) -> None:
        self._clips: list[tuple[FloatAudio, list[tuple[float, float]], list[int]]] = []
        self._next = 0
        self._forgot = False

    def label(
        self, clip: FloatAudio, spans: Sequence[tuple[float, float]], *, keep: bool
    ) -> list[tuple[int, float]]:
        """(speaker, confidence) for each word of ``clip`` (``spans``: seconds from the
        clip's start). ``keep`` (a final) remembers the clip; an interim is labelled alike
        but forgotten."""
        if not spans:
            return []
        audio = np.concatenate([c for c, _, _ in self._clips] + [clip]).astype(np.float32)
        all_spans: list[tuple[float, float]] = []
        known: list[int] = []
        offset = 0.0
        for kept_clip, kept_spans, kept_labels in self._clips:
            all_spans += [(s + offset, e + offset) for s, e in kept_spans]
            known += kept_labels
            offset += len(kept_clip) / SAMPLE_RATE
        all_spans += [(s + offset, e + offset) for s, e in spans]
        found = diarize(audio, all_spans)
        if self._forgot:
            names = self._names(found.speakers[: len(known)], known, found.speakers[len(known) :])
        else:  # the kept speech starts the stream: its numbering is the session's
            names = {label: label for label in found.speakers}
        new = found.speakers[len(known) :]
        labelled = [(names[s], found.confidences[len(known) + i]) for i, s in enumerate(new)]
        if keep:
            self._remember(clip, list(spans), [label for label, _ in labelled])
        return labelled

    def _names(
        self, kept: Sequence[int], known: Sequence[int], new: Sequence[int]
    ) -> dict[int, int]:
        """Session speaker for each label of this diarization: the one most kept words with
        that label had, else a new number (in order of first appearance in the clip)."""
        votes: dict[int, Counter[int]] = {}
        for label, session in zip(kept, known, strict=True):
            votes.setdefault(label, Counter())[session] += 1
        names: dict[int, int] = {}
        for label in new:
            if label in names:
                continue
            if label in votes:
                names[label] = votes[label].most_common(1)[0][0]
            else:
                names[label] = self._next
                self._next += 1
        return names

    def _remember(
        self, clip: FloatAudio, spans: list[tuple[float, float]], labels: list[int]
    ) -> None:
        self._clips.append((clip.copy(), spans, labels))
        self._next = max([self._next, *(label + 1 for label in labels)])
        total = sum(len(c) for c, _, _ in self._clips) / SAMPLE_RATE
        while len(self._clips) > 1 and total > KEPT_SECONDS:
            dropped, _, _ = self._clips.pop(0)
            total -= len(dropped) / SAMPLE_RATE
            self._forgot = True
