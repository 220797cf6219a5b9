"""Offline speech engine behind the emulator: decoding, Whisper recognition and streaming VAD.

Importing this package is cheap: faster-whisper and the model weights load on first use.
"""

from __future__ import annotations

from .admission import Admission, AdmissionGate
from .decode import (
    PROBED_ENCODINGS,
    RAW_ENCODINGS,
    SAMPLE_BYTES,
    SAMPLE_RATE,
    RawEncoding,
    decode_audio,
    decode_raw,
    is_raw_encoding,
    resample,
    undecodable_encoding,
)
from .decode_options import DecodeOptions
from .diarization import diarize
from .energy_vad import EnergyVad, VoiceActivityDetector, streaming_vad
from .failures import (
    AudioDecodeError,
    AudioTooLong,
    EngineBusy,
    EngineError,
    InferenceTimeout,
    ModelWeightsError,
)
from .prompt_budget import KEYTERM_TOKEN_LIMIT, PROMPT_TOKEN_LIMIT, FittedPrompt, fit_prompt
from .samples import SAMPLES, TWO_SENTENCES, TWO_SPEAKERS, WEATHER, Sample, SpeakerTurn
from .stand_ins import DEFAULT_STAND_IN, STAND_INS, choose_model
from .types import (
    SKIP_MODEL_NAME,
    Diarization,
    EngineResult,
    EngineSegment,
    EngineWord,
    LanguageDetection,
    ModelName,
    Task,
)
from .vad import StreamingVad, VadEvent, VadFrame, VadUpdate, speech_regions
from .weights import BASE_MODEL_SHA256, base_dir, cache_root, model_dir, tiny_en_dir
from .whisper import (
    MODEL_NAMES,
    Engine,
    NullEngine,
    SpeechEngine,
    supported_languages,
)

__all__ = [
    "BASE_MODEL_SHA256",
    "DEFAULT_STAND_IN",
    "KEYTERM_TOKEN_LIMIT",
    "MODEL_NAMES",
    "PROBED_ENCODINGS",
    "PROMPT_TOKEN_LIMIT",
    "RAW_ENCODINGS",
    "SAMPLES",
    "SAMPLE_BYTES",
    "SAMPLE_RATE",
    "SKIP_MODEL_NAME",
    "STAND_INS",
    "TWO_SENTENCES",
    "TWO_SPEAKERS",
    "WEATHER",
    "Admission",
    "AdmissionGate",
    "AudioDecodeError",
    "AudioTooLong",
    "DecodeOptions",
    "Diarization",
    "EnergyVad",
    "Engine",
    "EngineBusy",
    "EngineError",
    "EngineResult",
    "EngineSegment",
    "EngineWord",
    "FittedPrompt",
    "InferenceTimeout",
    "LanguageDetection",
    "ModelName",
    "ModelWeightsError",
    "NullEngine",
    "RawEncoding",
    "Sample",
    "SpeakerTurn",
    "SpeechEngine",
    "StreamingVad",
    "Task",
    "VadEvent",
    "VadFrame",
    "VadUpdate",
    "VoiceActivityDetector",
    "base_dir",
    "cache_root",
    "choose_model",
    "decode_audio",
    "decode_raw",
    "diarize",
    "fit_prompt",
    "is_raw_encoding",
    "model_dir",
    "resample",
    "speech_regions",
    "streaming_vad",
    "supported_languages",
    "tiny_en_dir",
    "undecodable_encoding",
]
