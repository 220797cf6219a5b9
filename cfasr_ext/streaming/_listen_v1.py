"""The Deepgram v1 `listen` half of the sans-I/O core (nova-3, nova-3-internal): its control
messages, its result parsing and how much sent audio a final covers (for resume).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cfasr_client.models import (
    Nova3CloseStream,
    Nova3Finalize,
    Nova3KeepAlive,
    Nova3MetadataMessage,
    Nova3ResultsMessage,
    Nova3SpeechStartedMessage,
    Nova3UtteranceEndMessage,
)
from cfasr_client.types import UNSET

from cfasr_ext._unchecked import ExtraQuery
from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._message_checks import (
    check_fields,
    check_results,
    shift,
    shift_words,
)
from cfasr_ext.streaming._protocol import (
    DEFAULT_KEEPALIVE_INTERVAL,
    DEFAULT_MAX_RESEND_SECONDS,
    Frame,
    StreamProtocol,
    text_frame,
)
from cfasr_ext.streaming._stream_options import (
    Nova3StreamOptions,
)


class ListenV1Protocol(StreamProtocol):
    """Deepgram v1 `listen`: nova-3 and nova-3-internal."""

    def __init__(
        self,
        options: Nova3StreamOptions,
        *,
        model: str = Nova3StreamOptions.OPERATION.model,
        keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
        max_resend_seconds: float = DEFAULT_MAX_RESEND_SECONDS,
        extra_query: ExtraQuery | None = None,
    ) -> None:
        super().__init__(
            options,
            keepalive_interval=keepalive_interval,
            max_resend_seconds=max_resend_seconds,
            extra_query=extra_query,
        )
        self.model = model
        self.metadata_seen = False
        self._covered: dict[int, float] = {}
        """Multichannel: where each channel's finals reach (session timeline)."""

    def finalize(self, now: float, channel: int | None = None) -> str:
        """Finalize: flush the audio buffered on the server now (results carry from_finalize)."""
        self._check_sendable("Finalize")
        message = Nova3Finalize(type_="Finalize", channel=UNSET if channel is None else channel)
        return self._text(text_frame(message), now)

    def _close_frame(self) -> str:
        return text_frame(Nova3CloseStream(type_="CloseStream"))

    def _keepalive_frame(self, now: float) -> Frame:
        return self._text(text_frame(Nova3KeepAlive(type_="KeepAlive")), now)

    def _complete_without_close(self) -> bool:
        # Metadata is the last word after CloseStream: a drop after it loses nothing.
        return self.close_sent and self.metadata_seen

    def _parsers(self) -> dict[str, Callable[[dict[str, Any]], ev.StreamEvent]]:
        return {
            "Results": self._results,
            "Metadata": self._metadata,
            "UtteranceEnd": self._utterance_end,
            "SpeechStarted": self._speech_started,
        }

    def _results(self, raw: dict[str, Any]) -> ev.StreamEvent:
        buildable = check_results(raw)
        if self.offset:
            shift(raw, ("start",), self.offset)
            for alternative in raw["channel"]["alternatives"]:
                shift_words(alternative["words"], self.offset)
        # The model is built when first read, unless the checks cannot vouch for it: then
        # now, so that a message it rejects still becomes an UnknownMessage.
        event = ev.Results._parsed(raw, None if buildable else Nova3ResultsMessage.from_dict(raw))
        if raw.get("is_final") is True:
            self.finals.append(event)
            self.ledger.commit(
                self._covered_until(event, float(raw["start"]) + float(raw["duration"]))
            )
        return event

    def _covered_until(self, final: ev.Results, end: float) -> float:
        """How far finals cover the audio: with `multichannel` each channel has its own
        finals, so only audio every channel has covered may be forgotten (a resume sends the
        rest again; a channel may then repeat a few words, but none is lost)."""
        count = final.channel_count
        if count <= 1:
            return end
        self._covered[final.channel_index] = max(end, self._covered.get(final.channel_index, 0.0))
        return min(self._covered.get(index, 0.0) for index in range(count))

    def _metadata(self, raw: dict[str, Any]) -> ev.StreamEvent:
        event = ev.Metadata._parsed(raw, Nova3MetadataMessage.from_dict(raw))
        if self.close_sent:
            self.metadata_seen = True
        return event

    def _utterance_end(self, raw: dict[str, Any]) -> ev.StreamEvent:
        check_fields(raw, ("last_word_end",), optional=False)
        shift(raw, ("last_word_end",), self.offset)
        return ev.UtteranceEnd._parsed(raw, Nova3UtteranceEndMessage.from_dict(raw))

    def _speech_started(self, raw: dict[str, Any]) -> ev.StreamEvent:
        check_fields(raw, ("timestamp",), optional=False)
        shift(raw, ("timestamp",), self.offset)
        return ev.SpeechStarted._parsed(raw, Nova3SpeechStartedMessage.from_dict(raw))
