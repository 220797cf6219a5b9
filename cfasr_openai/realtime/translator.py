"""Sans-I/O: the SDK's typed stream events → OpenAI's transcription events, one session.

An *item* is one utterance: it opens when speech starts (nova-3's `SpeechStarted`, flux's
`StartOfTurn`, or the first word heard) and closes when the engine ends it (nova-3's
`speech_final` at `endpointing` ms of silence, flux's `EndOfTurn`) or when the client's
commit is answered (nova-3's `from_finalize` result, flux's forced `EndOfTurn`).

Deltas carry only words not sent before, and only settled words: nova-3's final results
(`is_final`, at each endpoint and at least every span the engine decodes) and flux's
`EndOfTurn`. Interim results and flux updates revise words they already gave (the emulator's
interim "The weather is high to" became "The weather is nice today, so..."), and a delta
cannot be taken back, so interims only open the item (`speech_started`) early. So the deltas
of an item, joined, are its `completed` transcript. With `hold_deltas` (no turn detection)
text waits for the client's commit, as OpenAI transcribes a manually committed buffer only
once it is committed.
"""

from __future__ import annotations

import attrs

from cfasr_ext import EndOfTurn, Results, SpeechStarted, StartOfTurn, StreamEvent, TurnInfo

from . import events as ev

__all__ = ["Translator"]


@attrs.define
class _Item:
    id: str
    start_s: float | None = None
    final_words: list[str] = attrs.Factory(list)
    sent_words: list[str] = attrs.Factory(list)
    speech_started: bool = False
    committed: bool = False


class Translator:
    """Feed it upstream events (`feed`) and the client's commits and clears; it returns the
    server events to send, in order."""

    def __init__(self, *, hold_deltas: bool, prefix_padding_ms: int = 0) -> None:
        self._hold = hold_deltas
        self._prefix_s = prefix_padding_ms / 1000
        self._item: _Item | None = None
        self._previous: str | None = None
        self._discard = 0
        """Answers to a `clear` still to come, whose words are dropped."""

    # -- client events -----------------------------------------------------------------------

    def commit(self) -> list[ev.Event]:
        """The client committed: `committed` now; the engine's answer completes the item."""
        item = self._open(None)
        if item.committed:  # a second commit before the first one's answer: a new item
            return []
        item.committed = True
        return [ev.committed(item.id, self._previous)]

    def clear(self) -> None:
        """The client cleared the buffer: the words up to the engine's next answer go."""
        self._discard += 1

    def fail(self, problem: ev.RealtimeProblem) -> list[ev.Event]:
        """The engine failed for good: the open item, if any, gets its `failed` event."""
        item, self._item = self._item, None
        if item is None or self._discard:
            return []
        return [ev.failed(item.id, problem)]

    # -- upstream events ---------------------------------------------------------------------

    def feed(self, event: StreamEvent) -> list[ev.Event]:
        if isinstance(event, SpeechStarted):
            return self._speech(max(event.timestamp - self._prefix_s, 0.0))
        if isinstance(event, Results):
            return self._results(event)
        if isinstance(event, TurnInfo):
            return self._turn(event)
        return []  # metadata, reconnects, unknown messages: nothing for the client

    def _results(self, result: Results) -> list[ev.Event]:
        words = result.transcript.split()
        out: list[ev.Event] = []
        if words:  # the first word opens the item (and dates it) if nothing did yet
            first = result.words[0].start if result.words else result.start
            out += self._speech(max(first - self._prefix_s, 0.0))
        item = self._item
        closing = result.is_final and (result.speech_final or result.from_finalize)
        if item is not None and result.is_final:
            item.final_words += words
            if not closing:  # a closing result's words follow `committed` (`_close`)
                out += self._deltas(item, item.final_words)
        if closing:
            out += self._close(result.end, by_engine=not result.from_finalize)
        return out

    def _turn(self, turn: TurnInfo) -> list[ev.Event]:
        words = turn.transcript.split()
        out: list[ev.Event] = []
        if self._item is None and (words or isinstance(turn, StartOfTurn)):
            first = turn.words[0].start if turn.words else None
            start = first if isinstance(first, float | int) else turn.message.audio_window_start
            out += self._speech(max(_seconds(start) - self._prefix_s, 0.0))
        item = self._item
        if isinstance(turn, EndOfTurn):
            if item is not None:
                item.final_words = words  # sent as deltas after `committed` (`_close`)
            # After a clear, the next end of turn is the answer to its forced end.
            out += self._close(_seconds(turn.message.audio_window_end), by_engine=not self._discard)
        return out

    # -- items -------------------------------------------------------------------------------

    def _open(self, start_s: float | None) -> _Item:
        if self._item is None:
            self._item = _Item(id=ev.new_id("item"), start_s=start_s)
        elif self._item.start_s is None:
            self._item.start_s = start_s
        return self._item

    def _speech(self, start_s: float) -> list[ev.Event]:
        item = self._open(start_s)
        if self._hold or item.speech_started or self._discard:
            return []
        item.speech_started = True
        return [ev.speech_started(item.id, round(start_s * 1000))]

    def _deltas(self, item: _Item, hypothesis: list[str]) -> list[ev.Event]:
        sent = item.sent_words
        if self._hold or self._discard or len(hypothesis) <= len(sent):
            return []
        if hypothesis[: len(sent)] != sent:
            return []  # the engine changed its mind about sent words: `completed` corrects
        new = hypothesis[len(sent) :]
        text = " ".join(new)
        item.sent_words = sent + new
        return [ev.delta(item.id, f" {text}" if sent else text)]

    def _close(self, end_s: float, *, by_engine: bool) -> list[ev.Event]:
        item, self._item = self._item, None
        if self._discard:
            if not by_engine:
                self._discard -= 1  # this is the answer to the clear: what it covered is gone
            return []
        if item is None:
            return []
        out: list[ev.Event] = []
        hold, self._hold = self._hold, False
        try:
            if item.speech_started and not item.committed:
                out.append(ev.speech_stopped(item.id, round(end_s * 1000)))
            if not item.committed:
                out.append(ev.committed(item.id, self._previous))
            out += self._deltas(item, item.final_words)
        finally:
            self._hold = hold
        start = item.start_s if item.start_s is not None else end_s
        out.append(ev.completed(item.id, " ".join(item.final_words), end_s - start))
        self._previous = item.id
        return out


def _seconds(value: object) -> float:
    """A flux time (seconds), 0 when the message left it out."""
    return float(value) if isinstance(value, float | int) else 0.0
