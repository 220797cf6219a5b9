"""A nova-3 session with ``multichannel=true``: one recognizer per channel, one stream out.

Deepgram transcribes each channel of a multichannel stream on its own and tags every
``Results`` (and ``SpeechStarted`` / ``UtteranceEnd``) with ``[channel index, channel
count]``; the session still ends with one ``Metadata`` for the whole stream. This wrapper
does the same with the emulator's own parts: it splits the interleaved raw frames by channel
(carrying a partial frame over to the next one), feeds each channel's mono bytes to its own
:class:`NovaRecognizer`, and merges their steps in channel order. It offers the session the
same :class:`~.protocol.Recognizer` interface, so the session loop does not know about it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..engine import SAMPLE_BYTES, is_raw_encoding
from ..engine.decode_channels import split_interleaved
from ..json_depth import too_deep
from .options import V1Options
from .protocol import Message, Step
from .recognizer_v1 import MONO, NovaRecognizer
from .stream_transcriber import StreamTranscriber

RecognizerFactory = Callable[[V1Options, StreamTranscriber, tuple[int, int]], NovaRecognizer]


class MultichannelRecognizer:
    """``options.channels`` recognizers behind one; not thread-safe, like each of them."""

    def __init__(
        self,
        options: V1Options,
        transcribers: Sequence[StreamTranscriber],
        make: RecognizerFactory,
    ) -> None:
        """``make(mono_options, transcriber, (index, count))`` builds channel ``index``'s
        recognizer; ``transcribers`` has one entry per channel."""
        if not is_raw_encoding(options.encoding):
            raise ValueError("multichannel sessions need a raw encoding to split")
        count = options.channels
        if len(transcribers) != count:
            raise ValueError(f"{count} channels need {count} transcribers")
        mono = attrs.evolve(options, channels=1, multichannel=False)
        self.options = options
        self._channels = [
            make(mono, transcriber, (index, count))
            for index, transcriber in enumerate(transcribers)
        ]
        self._sample_bytes = SAMPLE_BYTES[options.encoding]
        self._frame_bytes = self._sample_bytes * count
        self._carry = b""
        self._sha = hashlib.sha256()

    @property
    def audio_seconds(self) -> float:
        return max(channel.audio_seconds for channel in self._channels)

    def opening(self) -> Step:
        return Step()

    def feed_audio(self, data: bytes, *, allow_interim: bool) -> Step:
        self._sha.update(data)
        data = self._carry + data
        whole = len(data) - len(data) % self._frame_bytes
        self._carry = data[whole:]
        if whole == 0:
            return Step()
        parts = split_interleaved(
            data[:whole], channels=len(self._channels), sample_bytes=self._sample_bytes
        )
        return _merged(
            channel.feed_audio(part, allow_interim=allow_interim)
            for channel, part in zip(self._channels, parts, strict=True)
        )

    def keeps_alive(self, text: str) -> bool:
        return self._channels[0].keeps_alive(text)

    def feed_text(self, text: str) -> Step:
        kind, channel = _control(text)
        if kind == "CloseStream":
            return self._close_stream(text)
        if kind == "Finalize" and channel is not None:
            # Deepgram's Finalize may name one channel: only that one is flushed.
            if 0 <= channel < len(self._channels):
                return self._channels[channel].feed_text(text)
            return Step()
        return _merged(channel.feed_text(text) for channel in self._channels)

    def fatal(self, code: str, description: str) -> Step:
        return _merged(channel.fatal(code, description) for channel in self._channels)

    def cut_short(self) -> Step:
        return self._one_metadata([channel.cut_short() for channel in self._channels])

    def finish(self) -> Step:
        return _merged(channel.finish() for channel in self._channels)

    def _close_stream(self, text: str) -> Step:
        return self._one_metadata([channel.feed_text(text) for channel in self._channels])

    def _one_metadata(self, steps: list[Step]) -> Step:
        """Every channel's last results, then one Metadata for the whole stream."""
        messages: list[Message] = []
        metadata: Message | None = None
        close = None
        for step in steps:
            for message in step.messages:
                if message.get("type") == "Metadata":
                    metadata = metadata or message
                else:
                    messages.append(message)
            close = close or step.close
        if metadata is not None:
            messages.append(
                {**metadata, "sha256": self._sha.hexdigest(), "channels": len(self._channels)}
            )
        return Step(tuple(messages), close)


def _merged(steps: Iterable[Step]) -> Step:
    """The channels' steps in channel order; the first close ends the merge (a data error on
    one channel ends the whole session, as one bad frame would)."""
    messages: list[Message] = []
    for step in steps:
        messages += step.messages
        if step.close is not None:
            return Step(tuple(messages), step.close)
    return Step(tuple(messages))


def _control(text: str) -> tuple[str | None, int | None]:
    """A control frame's ``type`` and, for Finalize, its ``channel`` (when it is a number)."""
    if too_deep(text):
        return None, None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None, None
    if not isinstance(value, dict):
        return None, None
    kind = value.get("type")
    channel = value.get("channel")
    return (
        kind if isinstance(kind, str) else None,
        channel if isinstance(channel, int) and not isinstance(channel, bool) else None,
    )


def nova_recognizer(
    options: V1Options,
    transcriber: StreamTranscriber,
    *,
    request_id: str,
    created: str,
    recognition_skipped: bool = False,
    max_audio_seconds: float | None = None,
) -> NovaRecognizer | MultichannelRecognizer:
    """The recognizer for a nova-3 session: one per channel with ``multichannel=true`` and
    more than one channel, else one that hears the channels mixed."""

    def make(
        channel_options: V1Options, channel_transcriber: StreamTranscriber, index: tuple[int, int]
    ) -> NovaRecognizer:
        return NovaRecognizer(
            channel_options,
            channel_transcriber,
            request_id=request_id,
            created=created,
            recognition_skipped=recognition_skipped,
            max_audio_seconds=max_audio_seconds,
            channel=index,
        )

    if options.multichannel and options.channels > 1:
        return MultichannelRecognizer(options, [transcriber] * options.channels, make)
    return make(options, transcriber, MONO)
