"""Sans-I/O recognizer for the Deepgram v1 ``listen`` protocol (nova-3, nova-3-internal).

The stream is cut into spans. A span is closed (a final ``Results``) when the VAD sees
``endpointing`` ms of silence after speech (``speech_final: true``), on ``Finalize``
(``from_finalize: true``), on ``CloseStream``, when it grows past ``MAX_SPAN_S`` during
non-stop speech, or after ``SILENCE_SPAN_S`` without speech (an empty final, as Deepgram
sends while nobody talks). While a span holds speech and ``interim_results`` is on, it is
re-decoded about once per ``INTERIM_EVERY_S`` of audio, however fast the audio arrives (with
the engine's cheap interim decode; an overloaded engine may drop one, never a final). All
times are positions in the audio, never wall-clock time, so a replay of the same audio gives
the same messages.
"""

from __future__ import annotations

import hashlib
import json
import math

import attrs
from cfasr_client.models import (
    Nova3MetadataMessage,
    Nova3ModelInfo,
    Nova3ResultsMessage,
    Nova3SpeechStartedMessage,
    Nova3StreamAlternative,
    Nova3StreamChannel,
    Nova3StreamMetadata,
    Nova3StreamWord,
    Nova3UtteranceEndMessage,
)

from ..engine import SAMPLE_RATE, AudioDecodeError, AudioTooLong, VadEvent, streaming_vad
from ..engine.vad import CHUNK_SAMPLES
from ..json_depth import too_deep
from ..word_options import replaced
from .audio_input import audio_input
from .model_info import model_identity
from .options import V1Options
from .protocol import (
    AUDIO_CAP_REASON,
    DATA_ERROR_REASON,
    NORMAL_CLOSURE,
    POLICY_VIOLATION,
    AudioBuffer,
    Close,
    FloatAudio,
    Message,
    Step,
    sample_at,
    seconds,
)
from .stream_speakers import SessionSpeakers
from .stream_transcriber import StreamTranscriber
from .words import StreamWord, mean_confidence, stream_words, transcript

ENDPOINTING_FLOOR_MS = math.ceil(1000 * CHUNK_SAMPLES / SAMPLE_RATE)
"""Shortest endpointing the emulator applies: one VAD frame (32 ms), the least silence it
can see. Shorter requests (Deepgram's default is 10 ms) end a span after one silent frame,
so, as on Deepgram, a short endpointing gives ``speech_final`` at pauses between words."""
NO_ENDPOINTING_SILENCE_MS = 500
"""With ``endpointing=false`` spans still close at pauses this long, but never speech_final."""
INTERIM_EVERY_S = 1.0
SILENCE_SPAN_S = 3.0
SILENCE_MARGIN_S = 0.25
"""Audio kept back from an empty final, so a word that is just starting is not cut."""
MAX_SPAN_S = 20.0
"""Whisper's window is 30 s; longer non-stop speech is finalised (speech_final false)."""

MONO = (0, 1)
"""``[channel index, channel count]`` of a session that is not multichannel."""


class NovaRecognizer:
    """One v1 session. Not thread-safe; the session calls it from one thread at a time."""

    def __init__(
        self,
        options: V1Options,
        transcribe: StreamTranscriber,
        *,
        request_id: str,
        created: str,
        recognition_skipped: bool = False,
        max_audio_seconds: float | None = None,
        channel: tuple[int, int] = MONO,
    ) -> None:
        """``channel`` is what the messages report as ``[index, count]``: a multichannel
        session (``multichannel.py``) runs one recognizer per channel, each fed mono audio."""
        self.options = options
        self._channel = list(channel)
        self._transcribe = transcribe
        self._request_id = request_id
        self._created = created
        self._skipped = recognition_skipped
        self._input = audio_input(
            options.encoding,
            options.sample_rate,
            options.channels,
            max_seconds=max_audio_seconds,
        )
        silence_ms = (
            NO_ENDPOINTING_SILENCE_MS
            if options.endpointing_ms is None
            else max(options.endpointing_ms, ENDPOINTING_FLOOR_MS)
        )
        self._vad = streaming_vad(
            recognition_skipped=recognition_skipped, min_silence_ms=silence_ms
        )
        self._buffer = AudioBuffer()
        self._sha = hashlib.sha256()
        self._span_start = 0
        self._span_has_speech = False
        self._in_speech = False
        self._interim_from = 0
        self._pending_word_end: float | None = None
        self._speakers = SessionSpeakers() if options.diarize else None
        self._closed = False
        name, version, arch, uuid = model_identity(options.model, recognition_skipped)
        self._result_metadata = Nova3StreamMetadata(
            request_id=request_id,
            model_info=Nova3ModelInfo(name=name, version=version, arch=arch),
            model_uuid=uuid,
        )

    @property
    def audio_seconds(self) -> float:
        return seconds(self._buffer.end)

    def opening(self) -> Step:
        return Step()

    def feed_audio(self, data: bytes, *, allow_interim: bool) -> Step:
        if self._closed:
            return Step()
        self._sha.update(data)
        try:
            samples = self._input.feed(data)
        except AudioTooLong:
            return self._data_error(AUDIO_CAP_REASON)
        except AudioDecodeError:
            return self._data_error()
        return Step(tuple(self._advance(samples, allow_interim=allow_interim)))

    def keeps_alive(self, text: str) -> bool:
        """Any text frame counts (KeepAlive exists for exactly this)."""
        del text
        return True

    def feed_text(self, text: str) -> Step:
        if self._closed:
            return Step()
        kind = _message_type(text)
        if kind == "Finalize":
            return Step(tuple(self._final(self._buffer.end, from_finalize=True)))
        if kind == "CloseStream":
            return self._close_stream()
        return Step()  # KeepAlive (its only effect, the idle reset, is the session's) or noise.

    def fatal(self, code: str, description: str) -> Step:
        """Deepgram v1 has no error message: the 1011 close says it all."""
        del code, description
        self._closed = True
        return Step()

    def cut_short(self) -> Step:
        """Metadata of the audio recognised so far (duration and hash of what was fed)."""
        self._closed = True
        return Step((self._metadata(),))

    def finish(self) -> Step:
        self._closed = True
        return Step()

    def _data_error(self, reason: str = DATA_ERROR_REASON) -> Step:
        """Close 1008: Deepgram's DATA-0000 for undecodable audio, or the emulator's own
        reason when the session passed its audio cap."""
        self._closed = True
        return Step(close=Close(POLICY_VIOLATION, reason))

    def _close_stream(self) -> Step:
        try:
            tail = self._input.flush()
        except AudioTooLong:
            return self._data_error(AUDIO_CAP_REASON)
        except AudioDecodeError:
            return self._data_error()
        out = self._advance(tail, allow_interim=False)
        self._on_vad_events(self._vad.flush().events, out)
        if self._buffer.end > self._span_start:
            out += self._final(self._buffer.end)
        out.append(self._metadata())
        self._closed = True
        return Step(tuple(out), Close(NORMAL_CLOSURE))

    def _advance(self, samples: FloatAudio, *, allow_interim: bool) -> list[Message]:
        out: list[Message] = []
        if samples.size:
            self._buffer.append(samples)
            self._on_vad_events(self._vad.process(samples).events, out)
        end = self._buffer.end
        if self._in_speech and end - self._span_start >= sample_at(MAX_SPAN_S):
            out += self._final(end)
        elif (
            not self._in_speech
            and not self._span_has_speech
            and end - self._span_start >= sample_at(SILENCE_SPAN_S)
        ):
            out += self._final(end - sample_at(SILENCE_MARGIN_S))
        if allow_interim:
            out += self._interim()
        out += self._utterance_end()
        return out

    def _on_vad_events(self, events: tuple[VadEvent, ...], out: list[Message]) -> None:
        for event in events:
            if event.kind == "speech_start":
                self._in_speech = True
                self._span_has_speech = True
                self._interim_from = min(sample_at(event.detected_at), self._buffer.end)
                if self.options.vad_events:
                    started = Nova3SpeechStartedMessage(
                        type_="SpeechStarted",
                        channel=list(self._channel),
                        timestamp=round(event.time, 3),
                    )
                    out.append(started.to_dict())
            else:
                self._in_speech = False
                cut = min(sample_at(event.detected_at), self._buffer.end)
                out += self._final(
                    cut, speech_final=self.options.endpointing_ms is not None, limit=event.time
                )

    def _interim(self) -> list[Message]:
        end = self._buffer.end
        if not (self.options.interim_results and self._in_speech):
            return []
        if end - self._interim_from < sample_at(INTERIM_EVERY_S):
            return []
        result = self._transcribe(self._buffer.clip(self._span_start, end), interim=True)
        self._interim_from = end
        if result is None:
            return []  # The engine had no room: the next try is a full interval later.
        words = stream_words(result, offset=seconds(self._span_start), limit=seconds(end))
        words = self._with_speakers(self._span_start, end, words, keep=False)
        self._note_words(words)
        return [self._results(self._span_start, end, words, is_final=False)]

    def _final(
        self,
        cut: int,
        *,
        speech_final: bool = False,
        from_finalize: bool = False,
        limit: float | None = None,
    ) -> list[Message]:
        start = self._span_start
        if cut <= start and not from_finalize:
            return []
        cut = max(cut, start)
        words: tuple[StreamWord, ...] = ()
        if self._span_has_speech and cut > start:
            result = self._transcribe(self._buffer.clip(start, cut), interim=False)
            if result is not None:
                end_limit = seconds(cut) if limit is None else min(limit, seconds(cut))
                words = stream_words(result, offset=seconds(start), limit=end_limit)
                words = self._with_speakers(start, cut, words, keep=True)
        message = self._results(
            start,
            cut,
            words,
            is_final=True,
            speech_final=speech_final,
            from_finalize=from_finalize,
        )
        self._span_start = cut
        self._span_has_speech = self._in_speech
        self._interim_from = cut
        self._buffer.drop_before(cut)
        self._note_words(words)
        return [message]

    def _with_speakers(
        self, start: int, end: int, words: tuple[StreamWord, ...], *, keep: bool
    ) -> tuple[StreamWord, ...]:
        """``words`` with their session speakers when ``diarize=true`` (a final's clip is
        remembered, an interim's is not)."""
        if self._speakers is None or not words:
            return words
        offset = seconds(start)
        spans = [(w.start - offset, w.end - offset) for w in words]
        labels = self._speakers.label(self._buffer.clip(start, end), spans, keep=keep)
        return tuple(
            attrs.evolve(w, speaker=speaker, speaker_confidence=round(confidence, 4))
            for w, (speaker, confidence) in zip(words, labels, strict=True)
        )

    def _note_words(self, words: tuple[StreamWord, ...]) -> None:
        if words:
            self._pending_word_end = words[-1].end

    def _utterance_end(self) -> list[Message]:
        gap_ms = self.options.utterance_end_ms
        last = self._pending_word_end
        if not self.options.interim_results or gap_ms is None or last is None:
            return []
        if self._in_speech or seconds(self._buffer.end) - last < gap_ms / 1000:
            return []
        self._pending_word_end = None
        ended = Nova3UtteranceEndMessage(
            type_="UtteranceEnd", channel=list(self._channel), last_word_end=last
        )
        return [ended.to_dict()]

    def _results(
        self,
        start: int,
        end: int,
        words: tuple[StreamWord, ...],
        *,
        is_final: bool,
        speech_final: bool = False,
        from_finalize: bool = False,
    ) -> Message:
        words = replaced(words, self.options.replace)
        punctuated = self.options.punctuated
        alternative = Nova3StreamAlternative(
            transcript=transcript(words, punctuated=punctuated),
            confidence=mean_confidence(words),
            words=[
                Nova3StreamWord(
                    word=w.word,
                    start=w.start,
                    end=w.end,
                    confidence=w.confidence,
                    punctuated_word=w.punctuated if punctuated else None,
                    speaker=w.speaker,
                )
                for w in words
            ],
        )
        message = Nova3ResultsMessage(
            type_="Results",
            channel_index=list(self._channel),
            duration=seconds(end - start),
            start=seconds(start),
            channel=Nova3StreamChannel(alternatives=[alternative]),
            is_final=is_final,
            speech_final=speech_final,
            from_finalize=from_finalize,
            metadata=self._result_metadata,
        )
        return message.to_dict()

    def _metadata(self) -> Message:
        message = Nova3MetadataMessage(
            type_="Metadata",
            request_id=self._request_id,
            transaction_key="deprecated",
            sha256=self._sha.hexdigest(),
            created=self._created,
            duration=seconds(self._buffer.end),
            channels=self.options.channels,
        )
        if self.options.not_applied:
            message.additional_properties["options_not_applied"] = list(self.options.not_applied)
        if self._skipped:
            message.additional_properties["recognition_skipped"] = True
        return message.to_dict()


def _message_type(text: str) -> str | None:
    if too_deep(text):  # Malformed on every Python, not only where recursion runs out.
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    kind = value.get("type") if isinstance(value, dict) else None
    return kind if isinstance(kind, str) else None
