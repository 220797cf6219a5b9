"""Sans-I/O recognizer for the Deepgram v2 ``listen`` protocol (flux): turns, not spans.

Turn detection runs on Silero's per-frame (32 ms) speech probability (in skip mode, the
energy VAD's loudness score, see ``engine.energy_vad``):

* a turn starts (``StartOfTurn``) after ``TURN_START_S`` of consecutive speech frames;
* ``Update`` follows about every ``UPDATE_EVERY_S`` of audio, re-decoding the turn at most
  every ``REDECODE_EVERY_S`` of audio with the engine's cheap interim decode, however fast
  the audio arrives (an overloaded engine may drop one re-decode, never an end of turn);
* **end-of-turn confidence** is the silence since the last speech frame mapped linearly onto
  0..1 over ``EOT_FULL_SCALE_S`` and capped at 0.99: with ``eot_threshold=0.7`` a turn ends
  after 0.7 s of silence, an ``eager_eot_threshold`` of 0.4 fires ``EagerEndOfTurn`` after
  0.4 s. Speech after an eager end gives ``TurnResumed``. ``eot_timeout_ms`` of silence ends
  the turn regardless (``trigger: "timeout"``); the confidence trigger is ``"model"``.

Real Flux also weighs what was said; this mapping uses silence only, so it is deterministic.
The transcript is cumulative per turn; ``EndOfTurn`` repeats the eager transcript when no
speech came between them; ``turn_index`` increments after each ``EndOfTurn``.
"""

from __future__ import annotations

import json
from typing import Any

from cfasr_client.contract.params import StreamFluxParams
from cfasr_client.models import (
    FluxConfigureFailure,
    FluxConfigureSuccess,
    FluxConnected,
    FluxError,
    FluxThresholdsInForce,
    FluxTurnEvent,
    FluxTurnInfo,
    FluxWord,
)

from ..engine import AudioDecodeError, VadFrame, streaming_vad
from ..json_depth import too_deep
from .audio_input import RawInput
from .options import OptionProblem, Thresholds, V2Options, configured
from .protocol import (
    AUDIO_CAP_REASON,
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
from .stream_transcriber import EngineTranscriber, StreamTranscriber
from .words import StreamWord, stream_words, transcript

SPEECH_PROBABILITY = 0.5
TURN_START_S = 0.096
PREROLL_S = 0.3
"""Audio kept before a turn's first speech frame, so its first word is decoded whole."""
UPDATE_EVERY_S = 0.25
REDECODE_EVERY_S = 0.5
EOT_FULL_SCALE_S = 1.0
MAX_CONFIDENCE = 0.99


def end_of_turn_confidence(silence_s: float) -> float:
    """The documented silence → confidence mapping (see the module docstring)."""
    return round(min(max(silence_s, 0.0) / EOT_FULL_SCALE_S, MAX_CONFIDENCE), 3)


class FluxRecognizer:
    """One v2 session. Not thread-safe; the session calls it from one thread at a time."""

    def __init__(
        self,
        options: V2Options,
        transcribe: StreamTranscriber,
        *,
        request_id: str,
        recognition_skipped: bool = False,
        max_audio_seconds: float | None = None,
    ) -> None:
        self.options = options
        self._params = options.params
        self.thresholds: Thresholds = options.thresholds
        self.keyterms: tuple[str, ...] = options.keyterms
        self._transcribe = transcribe
        self._request_id = request_id
        self._input = RawInput("linear16", options.sample_rate, 1, max_seconds=max_audio_seconds)
        self._vad = streaming_vad(recognition_skipped=recognition_skipped)
        self._buffer = AudioBuffer()
        self._sequence = 0
        self._turn_index = 0
        self._closed = False
        self._run_start: float | None = None
        self._in_turn = False
        self._turn_start = 0
        self._last_speech = 0.0
        self._last_update = 0.0
        self._last_decode = 0.0
        self._words: tuple[StreamWord, ...] = ()
        self._eager_sent = False
        self._allow_interim = True

    @property
    def audio_seconds(self) -> float:
        return seconds(self._buffer.end)

    def opening(self) -> Step:
        connected = FluxConnected(
            type_="Connected", request_id=self._request_id, sequence_id=self._next_sequence()
        )
        return Step((connected.to_dict(),))

    def feed_audio(self, data: bytes, *, allow_interim: bool) -> Step:
        if self._closed:
            return Step()
        self._allow_interim = allow_interim
        try:
            samples = self._input.feed(data)
        except AudioDecodeError:  # Over max_audio_seconds: linear16 itself never fails.
            self._closed = True
            return Step(close=Close(POLICY_VIOLATION, AUDIO_CAP_REASON))
        return Step(tuple(self._advance(samples)))

    def keeps_alive(self, text: str) -> bool:
        """Only real v2 control messages count: flux has no KeepAlive, so on Cloudflare a
        client that sends one instead of silence frames is still dropped when idle."""
        return _parse(text).get("type") in _CONTROL_TYPES

    def feed_text(self, text: str) -> Step:
        if self._closed:
            return Step()
        message = _parse(text)
        kind = message.get("type")
        if kind == "Configure":
            return Step((self._configure(message),))
        if kind == "ForceEndTurn":
            return Step((self._end_turn(seconds(self._buffer.end), "manual"),))
        if kind == "CloseStream":
            self._allow_interim = False
            out = self._advance(self._input.flush())
            out += self._frames(self._vad.flush().frames)
            if self._in_turn:
                out.append(self._end_turn(seconds(self._buffer.end), None))
            self._closed = True
            return Step(tuple(out), Close(NORMAL_CLOSURE))
        return Step()

    def fatal(self, code: str, description: str) -> Step:
        """Deepgram v2 reports a fatal error in an ``Error`` message before closing."""
        self._closed = True
        error = FluxError(
            type_="Error",
            sequence_id=self._next_sequence(),
            code=code,
            description=description,
        )
        return Step((error.to_dict(),))

    def cut_short(self) -> Step:
        """The open turn's EndOfTurn with the words of its last decode (no new one)."""
        if self._closed:
            return Step()
        self._closed = True
        if not self._in_turn:
            return Step()
        return Step((self._end_turn(seconds(self._buffer.end), None, decode=False),))

    def finish(self) -> Step:
        self._closed = True
        return Step()

    def _advance(self, samples: FloatAudio) -> list[Message]:
        if not samples.size:
            return []
        self._buffer.append(samples)
        out = self._frames(self._vad.process(samples).frames)
        if not self._in_turn:
            self._buffer.drop_before(self._buffer.end - sample_at(PREROLL_S))
        return out

    def _frames(self, frames: tuple[VadFrame, ...]) -> list[Message]:
        out: list[Message] = []
        for frame in frames:
            speech = frame.probability >= SPEECH_PROBABILITY
            if not self._in_turn:
                self._maybe_start(frame, speech, out)
            else:
                self._in_turn_frame(frame, speech, out)
        return out

    def _maybe_start(self, frame: VadFrame, speech: bool, out: list[Message]) -> None:
        if not speech:
            self._run_start = None
            return
        if self._run_start is None:
            self._run_start = frame.start
        if frame.end - self._run_start < TURN_START_S:
            return
        self._in_turn = True
        self._turn_start = max(sample_at(self._run_start - PREROLL_S), self._buffer.start)
        self._words = ()
        self._eager_sent = False
        self._last_speech = self._last_update = self._last_decode = frame.end
        self._run_start = None
        out.append(self._turn_info("StartOfTurn", frame.end, 0.0))

    def _in_turn_frame(self, frame: VadFrame, speech: bool, out: list[Message]) -> None:
        if speech:
            self._last_speech = frame.end
            if self._eager_sent:
                self._eager_sent = False
                out.append(self._turn_info("TurnResumed", frame.end, 0.0))
                self._last_update = frame.end
        silence = frame.end - self._last_speech
        confidence = end_of_turn_confidence(silence)
        thresholds = self.thresholds
        eager = thresholds.eager_eot_threshold
        if confidence >= thresholds.eot_threshold:
            out.append(self._end_turn(frame.end, "model", confidence))
        elif silence * 1000 >= thresholds.eot_timeout_ms:
            out.append(self._end_turn(frame.end, "timeout", confidence))
        elif eager is not None and not self._eager_sent and confidence >= eager:
            self._decode(frame.end, interim=False)
            if self._words:
                self._eager_sent = True
                self._last_update = frame.end
                out.append(self._turn_info("EagerEndOfTurn", frame.end, confidence))
        elif frame.end - self._last_update >= UPDATE_EVERY_S:
            if self._allow_interim and frame.end - self._last_decode >= REDECODE_EVERY_S:
                self._decode(frame.end, interim=True)
            self._last_update = frame.end
            out.append(self._turn_info("Update", frame.end, confidence))

    def _decode(self, until: float, *, interim: bool) -> None:
        clip = self._buffer.clip(self._turn_start, sample_at(until))
        if not clip.size:
            return
        result = self._transcribe(clip, interim=interim)
        if interim:
            self._last_decode = until  # Dropped or not, the next try is an interval later.
        if result is not None:
            self._words = stream_words(result, offset=seconds(self._turn_start), limit=until)
            self._last_decode = until

    def _end_turn(
        self,
        at: float,
        trigger: str | None,
        confidence: float = MAX_CONFIDENCE,
        *,
        decode: bool = True,
    ) -> Message:
        if decode and self._in_turn and not self._eager_sent:
            self._decode(at, interim=False)
        if not self._in_turn:
            self._turn_start = sample_at(at)
            self._words = ()
        message = self._turn_info("EndOfTurn", at, max(confidence, self.thresholds.eot_threshold))
        if trigger is not None:
            message["trigger"] = trigger
        self._turn_index += 1
        self._in_turn = False
        self._eager_sent = False
        self._run_start = None
        self._words = ()
        return message

    def _turn_info(self, event: str, at: float, confidence: float) -> Message:
        info = FluxTurnInfo(
            type_="TurnInfo",
            request_id=self._request_id,
            sequence_id=self._next_sequence(),
            event=FluxTurnEvent(event),
            turn_index=self._turn_index,
            audio_window_start=seconds(self._turn_start),
            audio_window_end=round(at, 6),
            transcript=transcript(self._words, punctuated=True),
            words=[FluxWord(word=w.punctuated, confidence=w.confidence) for w in self._words],
            end_of_turn_confidence=confidence,
        )
        return info.to_dict()

    def _configure(self, message: dict[str, Any]) -> Message:
        try:
            params, keyterms = self._configured(message)
        except OptionProblem:
            failure = FluxConfigureFailure(
                type_="ConfigureFailure",
                request_id=self._request_id,
                sequence_id=self._next_sequence(),
            )
            return failure.to_dict()
        self._params = params
        self.thresholds = thresholds = Thresholds.of(params)
        self.keyterms = keyterms
        if isinstance(self._transcribe, EngineTranscriber):
            self._transcribe.keyterms = keyterms
        success = FluxConfigureSuccess(
            type_="ConfigureSuccess",
            request_id=self._request_id,
            sequence_id=self._next_sequence(),
            thresholds=FluxThresholdsInForce(
                eot_threshold=thresholds.eot_threshold,
                eot_timeout_ms=thresholds.eot_timeout_ms,
                eager_eot_threshold=thresholds.eager_eot_threshold,
            ),
            keyterms=list(keyterms),
        )
        return success.to_dict()

    def _configured(self, message: dict[str, Any]) -> tuple[StreamFluxParams, tuple[str, ...]]:
        """The settings a Configure asks for; raises OptionProblem if any is invalid."""
        raw = message.get("thresholds", {})
        if not isinstance(raw, dict):
            raise OptionProblem("thresholds must be an object of known thresholds")
        params = configured(self._params, raw)
        keyterms = message.get("keyterms", list(self.keyterms))
        if isinstance(keyterms, str):
            keyterms = [keyterms]
        if not isinstance(keyterms, list) or not all(
            isinstance(k, str) and k.strip() for k in keyterms
        ):
            raise OptionProblem("keyterms must be a string or a list of non-empty strings")
        return params, tuple(k.strip() for k in keyterms)

    def _next_sequence(self) -> int:
        number = self._sequence
        self._sequence += 1
        return number


_CONTROL_TYPES = frozenset({"Configure", "ForceEndTurn", "CloseStream"})


def _parse(text: str) -> dict[str, Any]:
    if too_deep(text):  # Malformed on every Python, not only where recursion runs out.
        return {}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}
