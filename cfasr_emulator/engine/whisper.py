"""faster-whisper (CTranslate2, CPU, int8) wrapped behind a small, typed, thread-safe API."""

from __future__ import annotations

import os

# Guard: nothing in this process may fetch weights or tokenizers from a model hub.
# Must be set before huggingface_hub is first imported (it reads the variable at import).
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from .admission import Admission, AdmissionGate
from .deadline import Deadline
from .decode import SAMPLE_RATE
from .decode_options import DecodeOptions
from .diarization import diarize as attribute_speakers
from .failures import AudioDecodeError, EngineBusy
from .prompt_budget import fit_prompt
from .rejected_segments import rejected_dropped
from .scheduler import FairScheduler
from .shared_weights import load_shared
from .types import (
    SKIP_MODEL_NAME,
    EngineResult,
    EngineSegment,
    EngineWord,
    LanguageDetection,
    ModelName,
)
from .weights import model_dir

MODEL_NAMES: tuple[ModelName, ...] = ("tiny.en", "base")


class Engine(Protocol):
    """What the HTTP layer depends on, so the real and the skip engine are interchangeable."""

    def admit(self) -> Admission: ...

    def try_admit(self, *, background: bool = False) -> Admission | None: ...

    def preload(self, *models: ModelName) -> None: ...

    def transcribe(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName,
        options: DecodeOptions,
        hotwords: str | None = None,
        word_timestamps: bool = True,
        diarize: bool = False,
        admission: Admission | None = None,
        fallback: bool = True,
    ) -> EngineResult: ...

    def transcribe_quick(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName,
        language: str,
        admission: Admission | None = None,
    ) -> EngineResult: ...

    def detect_language(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName = "base",
        vad_filter: bool = True,
        admission: Admission | None = None,
    ) -> LanguageDetection: ...


def supported_languages() -> frozenset[str]:
    """Whisper language codes, for validating requests before they reach the decoder."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    return frozenset(_LANGUAGE_CODES)


def _as_audio(audio: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    arr = np.asarray(audio, dtype=np.float32)
    if arr.ndim != 1:
        raise ValueError(f"audio must be mono (1-D), got shape {arr.shape}")
    if arr.size == 0:
        raise AudioDecodeError("audio is empty (0 samples)")
    return np.ascontiguousarray(arr)


class SpeechEngine:
    """Runs recognition on local Whisper models.

    Models load once per process, lazily on first use (or eagerly via :meth:`preload`), under a
    lock so concurrent first requests do not load twice. Recognition runs one request at a time
    by default (``max_parallel``), since a 2-core box gains nothing from running two decodes at
    once; ``max_queue`` bounds running plus waiting REST requests so overload is refused, not
    queued. Who runs next is the :class:`FairScheduler`'s choice (finals before interims, REST
    and streams in turn), so neither REST nor one stream can starve the rest.

    ``deadline_s`` bounds every call (waiting for its turn included): past it the call raises
    :class:`InferenceTimeout` at its next decoder step (see :mod:`.deadline` for what that
    guarantees) and frees its turn. None: no deadline.
    """

    def __init__(
        self,
        *,
        max_queue: int = 4,
        cpu_threads: int = 2,
        max_parallel: int = 1,
        cache_dir: Path | None = None,
        deadline_s: float | None = None,
    ) -> None:
        if deadline_s is not None and deadline_s <= 0:
            raise ValueError("deadline_s must be positive")
        self._gate = AdmissionGate(max_queue)
        self.scheduler = FairScheduler(max_parallel)
        self._cpu_threads = cpu_threads
        self.deadline_s = deadline_s
        self._cache_dir = cache_dir
        self._models: dict[ModelName, Any] = {}
        self._load_lock = threading.Lock()
        self.load_seconds: dict[ModelName, float] = {}
        """Wall time each model took this engine to load, for the benchmark and health output
        (0.0 for a model another engine of this process had loaded: weights are shared)."""

    @property
    def capacity(self) -> int:
        return self._gate.capacity

    @property
    def in_flight(self) -> int:
        return self._gate.in_use

    def admit(self) -> Admission:
        """Reserve a slot before expensive work (reading, decoding); raises EngineBusy if full."""
        return self._gate.admit()

    def try_admit(self, *, background: bool = False) -> Admission | None:
        return self._gate.try_admit(background=background)

    def preload(self, *models: ModelName) -> None:
        """Load models at startup so the first request does not pay for it (default: all)."""
        for name in models or MODEL_NAMES:
            self._model(name)

    def loaded_models(self) -> tuple[ModelName, ...]:
        return tuple(self._models)

    def _model(self, name: ModelName) -> Any:
        model = self._models.get(name)
        if model is not None:
            return model
        with self._load_lock:
            model = self._models.get(name)
            if model is None:
                path = model_dir(name, self._cache_dir)
                model, self.load_seconds[name] = load_shared(path, cpu_threads=self._cpu_threads)
                self._models[name] = model
        return model

    @contextlib.contextmanager
    def _slot(self, admission: Admission | None) -> Iterator[Deadline | None]:
        """Hold an admission and a turn at the CPU; yields the call's deadline."""
        own = admission is None
        held = self._gate.admit() if admission is None else admission
        deadline = Deadline.for_call(self.deadline_s, held.cancelled)  # also stops abandoned work
        try:
            with self.scheduler.turn(
                held.owner,
                interim=held.interim,
                cancelled=held.cancelled,
                until=None if deadline is None else deadline.until,
                background=held.background,
            ) as granted:
                if not granted:
                    if deadline is not None and deadline.remaining() <= 0:
                        deadline.check()
                    raise EngineBusy("no engine slot came free in time for this work")
                yield deadline
        finally:
            if own:
                held.release()

    def transcribe(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName,
        options: DecodeOptions,
        hotwords: str | None = None,
        word_timestamps: bool = True,
        diarize: bool = False,
        admission: Admission | None = None,
        fallback: bool = True,
    ) -> EngineResult:
        """Recognise 16 kHz mono float32 audio.

        ``options`` has no defaults, so no option can silently run with a value the spec does
        not give: start from :meth:`DecodeOptions.from_spec`. ``hotwords`` (nova-3's key terms)
        and ``word_timestamps`` are the emulator's, not API options. Pass an ``admission`` from
        :meth:`admit` to reuse its slot; otherwise one is taken here and :class:`EngineBusy` is
        raised when none is free. ``diarize`` attributes every word to a speaker
        (:mod:`.diarization`) in the same slot, under the same deadline, and needs
        ``word_timestamps``. Without ``fallback`` each window is decoded once, at temperature
        0, and the segments Whisper's thresholds reject are dropped
        (:mod:`.rejected_segments`) instead of decoded again at up to five higher
        temperatures. A ``prefix`` also turns the fallback off, without dropping anything.
        """
        samples = _as_audio(audio)
        if model not in MODEL_NAMES:
            raise ValueError(f"unknown local model {model!r}")
        language = options.language
        if language is not None:
            language = language.lower()
            if model == "tiny.en" and language != "en":
                raise ValueError("model tiny.en only understands English; use model 'base'")
            if language not in supported_languages():
                raise ValueError(f"unsupported language code {language!r}")
        if options.beam_size < 1:
            raise ValueError("beam_size must be at least 1")
        if diarize and not word_timestamps:
            raise ValueError("diarize needs word_timestamps: speakers are given per word")
        with self._slot(admission) as deadline:
            whisper = self._model(model)
            prompt = fit_prompt(
                whisper.hf_tokenizer,
                hotwords=hotwords,
                initial_prompt=options.initial_prompt,
                prefix=options.prefix,
            )
            prompted = prompt.tokens > 0
            # The prompt as fitted to Whisper's context, in place of the one asked for.
            decoding = {
                **attrs.asdict(options),
                "language": language,
                "initial_prompt": prompt.initial_prompt,
                "prefix": prompt.prefix,
            }
            # Without fallback, rejected segments are dropped; with a prefix there is no
            # fallback either, but nothing is dropped: the thresholds would judge the caller's
            # own prefix text along with the output.
            drop_rejected = not fallback
            if not fallback or prompt.prefix is not None:
                decoding["temperature"] = 0.0
            before = whisper.steps.generated()
            with whisper.steps.deadline(deadline), whisper.full_windows(prompted):
                decoded = self._run(
                    whisper,
                    deadline,
                    samples,
                    **decoding,
                    hotwords=prompt.hotwords,
                    word_timestamps=word_timestamps,
                )
            segments, info = decoded
            decodes = whisper.steps.generated() - before
            if drop_rejected:
                segments = rejected_dropped(segments, options)
            speakers = None
            if diarize:
                spans = [(w.start, w.end) for s in segments for w in s.words]
                speakers = attribute_speakers(samples, spans, deadline=deadline)
        return EngineResult(
            text="".join(s.text for s in segments).strip(),
            segments=segments,
            language=str(info.language),
            language_probability=float(info.language_probability),
            duration=float(info.duration),
            duration_after_vad=float(info.duration_after_vad),
            model_name=model,
            prompt_tokens=prompt.tokens,
            diarization=speakers,
            decodes=decodes,
        )

    @staticmethod
    def _run(
        whisper: Any, deadline: Deadline | None, samples: npt.NDArray[np.float32], **options: Any
    ) -> tuple[tuple[EngineSegment, ...], Any]:
        segments_iter, info = whisper.transcribe(samples, **options)
        # The iterator is lazy: decoding happens here, so it must stay inside the slot.
        segments = []
        for segment in segments_iter:
            if deadline is not None:
                deadline.check()
            segments.append(_segment(segment))
        return tuple(segments), info

    def transcribe_quick(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName,
        language: str,
        admission: Admission | None = None,
    ) -> EngineResult:
        """Greedy text of a short clip without word times, about 10x cheaper than
        :meth:`transcribe` (see :mod:`.quick_decode`): for interim results only."""
        from .quick_decode import quick_transcribe

        samples = _as_audio(audio)
        if model not in MODEL_NAMES:
            raise ValueError(f"unknown local model {model!r}")
        with self._slot(admission) as deadline:
            whisper = self._model(model)
            with whisper.steps.deadline(deadline):
                return quick_transcribe(
                    whisper, samples, model_name=model, language=language.lower()
                )

    def detect_language(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName = "base",
        vad_filter: bool = True,
        admission: Admission | None = None,
    ) -> LanguageDetection:
        """Identify the spoken language; tiny.en can only ever answer English, so it does."""
        samples = _as_audio(audio)
        if model == "tiny.en":
            return LanguageDetection("en", 1.0, (("en", 1.0),), "tiny.en")
        with self._slot(admission) as deadline:
            whisper = self._model(model)
            with whisper.steps.deadline(deadline):
                lang, prob, all_probs = whisper.detect_language(
                    audio=samples, vad_filter=vad_filter
                )
        candidates = tuple(sorted(((str(c), float(p)) for c, p in all_probs), key=lambda c: -c[1]))
        return LanguageDetection(str(lang), float(prob), candidates, model)


def _segment(seg: Any) -> EngineSegment:
    words = tuple(
        EngineWord(
            word=str(w.word),
            start=float(w.start),
            end=float(w.end),
            probability=float(w.probability),
        )
        for w in (seg.words or ())
    )
    return EngineSegment(
        start=float(seg.start),
        end=float(seg.end),
        text=str(seg.text),
        avg_logprob=float(seg.avg_logprob),
        compression_ratio=float(seg.compression_ratio),
        no_speech_prob=float(seg.no_speech_prob),
        temperature=float(seg.temperature) if seg.temperature is not None else 0.0,
        words=words,
    )


class NullEngine:
    """Transport-benchmark stand-in: does no recognition, and every result says so.

    Only for measuring HTTP/WebSocket overhead; never the default. Results carry empty text,
    ``model_name == "skip-recognition"`` and ``recognition_skipped=True``.
    """

    def __init__(self, *, max_queue: int = 4) -> None:
        self._gate = AdmissionGate(max_queue)

    def admit(self) -> Admission:
        return self._gate.admit()

    def try_admit(self, *, background: bool = False) -> Admission | None:
        return self._gate.try_admit(background=background)

    def preload(self, *models: ModelName) -> None:
        """Nothing to load."""

    def transcribe(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName,
        options: DecodeOptions,
        admission: Admission | None = None,
        **_emulator_options: Any,
    ) -> EngineResult:
        """Accept the same arguments as SpeechEngine, validating only what affects the result."""
        language = options.language
        if model not in MODEL_NAMES:
            raise ValueError(f"unknown local model {model!r}")
        samples = _as_audio(audio)
        with contextlib.ExitStack() as stack:
            if admission is None:
                stack.enter_context(self._gate.admit())
            duration = samples.size / SAMPLE_RATE
            return EngineResult(
                text="",
                segments=(),
                language=language or "en",
                language_probability=0.0,
                duration=duration,
                duration_after_vad=duration,
                model_name=SKIP_MODEL_NAME,
                recognition_skipped=True,
            )

    def transcribe_quick(
        self,
        audio: npt.NDArray[np.float32],
        *,
        model: ModelName,
        language: str,
        admission: Admission | None = None,
    ) -> EngineResult:
        options = attrs.evolve(DecodeOptions.from_spec(), language=language)
        return self.transcribe(audio, model=model, options=options, admission=admission)

    def detect_language(
        self,
        audio: npt.NDArray[np.float32],
        *,
        admission: Admission | None = None,
        **_options: Any,
    ) -> LanguageDetection:
        del admission  # Nothing runs, so there is no slot to hold.
        _as_audio(audio)
        return LanguageDetection("en", 0.0, (), SKIP_MODEL_NAME)
