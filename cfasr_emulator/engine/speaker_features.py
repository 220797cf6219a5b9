"""Per-frame voice features for speaker attribution: MFCCs and pitch, with numpy alone.

Why these two: the cepstrum (MFCC) describes the shape of the vocal tract (formant positions,
spectral tilt) and pitch the vocal folds; together they are the classical speaker features
that need no trained weights. No maintained PyPI wheel ships speaker-embedding weights that
run offline on numpy or onnxruntime without torch (see :mod:`.diarization`), so the emulator
computes these itself.

Frames are 25 ms with a 10 ms hop, as in speech recognition front ends. Only the frames
inside recognised words are computed (speakers are asked about words only), in blocks of
:data:`BLOCK_FRAMES`, so the cost is proportional to the speech and memory stays bounded
whatever the length of the audio.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import numpy as np
import numpy.typing as npt

from .decode import SAMPLE_RATE

FRAME_SAMPLES = 400
"""25 ms at 16 kHz."""
HOP_SAMPLES = 160
"""10 ms at 16 kHz: frame ``i`` covers samples ``[160 i, 160 i + 400)``."""
HOP_SECONDS = HOP_SAMPLES / SAMPLE_RATE
N_FFT = 512
N_MELS = 40
N_CEPS = 20
"""MFCCs computed; c0 (loudness) is dropped, as it says how loud, not who."""
MEL_LOW_HZ = 60.0
MEL_HIGH_HZ = 7600.0
PITCH_FFT = 1024
"""Autocorrelation by FFT without wrap-around for lags up to 1024 - 400 samples."""
PITCH_MIN_HZ = 70.0
PITCH_MAX_HZ = 400.0
"""Covers low male to high female and child voices (lags 40 to 228 samples)."""
VOICED_PEAK = 0.5
"""Normalised autocorrelation peak at or above which a frame counts as voiced."""
OCTAVE_GUARD = 0.85
"""A shorter lag whose autocorrelation is this close to the best one is the true period."""
SPEECH_RANGE_DB = 35.0
"""A frame quieter than the loudest word frame by more than this is a pause, not voice."""
SILENCE_DB = -20.0
"""Frames at or below this energy (about -67 dBFS of white noise) are silence whatever the
rest of the file: on this scale a full-scale sine scores +21 and noise at -60 dBFS -12."""
BLOCK_FRAMES = 4096
"""Frames transformed at once (about 41 s of speech): bounds the FFT buffers to a few MB."""

Floats = npt.NDArray[np.float32]
Indices = npt.NDArray[np.int64]


@attrs.frozen
class VoiceFrames:
    """Features of the frames that lie inside words, in time order.

    ``index`` is each frame's number in the whole audio (its centre is at
    ``index * HOP_SECONDS + 0.0125`` s); ``cepstra`` has one row of ``N_CEPS - 1`` MFCCs per
    frame; ``log_pitch`` is log2 of the pitch in Hz, NaN where the frame is unvoiced;
    ``speech`` is False for frames too quiet to say anything about the voice.
    """

    index: Indices
    cepstra: Floats
    log_pitch: Floats
    speech: npt.NDArray[np.bool_]


def _mel_filters() -> Floats:
    def to_mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    def to_hz(mel: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return 700.0 * (10.0 ** (mel / 2595.0) - 1.0)

    edges = to_hz(
        np.linspace(to_mel(np.array(MEL_LOW_HZ)), to_mel(np.array(MEL_HIGH_HZ)), N_MELS + 2)
    )
    bins = np.fft.rfftfreq(N_FFT, 1.0 / SAMPLE_RATE)
    filters = np.zeros((N_MELS, bins.size), np.float32)
    for m in range(N_MELS):
        low, centre, high = edges[m : m + 3]
        rising = (bins - low) / (centre - low)
        falling = (high - bins) / (high - centre)
        filters[m] = np.clip(np.minimum(rising, falling), 0.0, None)
    return filters


def _dct_matrix() -> Floats:
    k = np.arange(N_MELS, dtype=np.float64)
    order = np.arange(N_CEPS, dtype=np.float64)
    basis: npt.NDArray[np.float64] = np.cos(np.pi / N_MELS * (k[None, :] + 0.5) * order[:, None])
    scaled: Floats = (basis * np.sqrt(2.0 / N_MELS)).astype(np.float32)
    return scaled


_MEL = _mel_filters()
_DCT = _dct_matrix()
_WINDOW = np.hanning(FRAME_SAMPLES).astype(np.float32)
_MIN_LAG = int(SAMPLE_RATE / PITCH_MAX_HZ)
_MAX_LAG = int(SAMPLE_RATE / PITCH_MIN_HZ)
# The Hann window's own autocorrelation: dividing by it unbiases the frame's.
_WINDOW_AC = np.fft.irfft(np.abs(np.fft.rfft(_WINDOW, PITCH_FFT)) ** 2, PITCH_FFT)[: _MAX_LAG + 1]
_WINDOW_AC = (_WINDOW_AC / _WINDOW_AC[0]).astype(np.float32)


def word_frames(words: list[tuple[float, float]], n_frames: int) -> list[Indices]:
    """The frame numbers whose centre lies inside each word (possibly none for a short word)."""
    out: list[Indices] = []
    offset = FRAME_SAMPLES / 2 / SAMPLE_RATE
    for start, end in words:
        first = max(0, int(np.ceil((start - offset) / HOP_SECONDS)))
        last = min(n_frames - 1, int(np.floor((end - offset) / HOP_SECONDS)))
        out.append(np.arange(first, last + 1, dtype=np.int64))
    return out


def frame_count(n_samples: int) -> int:
    """How many whole frames ``n_samples`` of audio hold."""
    if n_samples < FRAME_SAMPLES:
        return 0
    return 1 + (n_samples - FRAME_SAMPLES) // HOP_SAMPLES


def _block(audio: Floats, index: Indices) -> tuple[Floats, Floats, Floats]:
    """Cepstra, log2 pitch and frame energy (dB) of the frames ``index``."""
    starts = index * HOP_SAMPLES
    raw = audio[starts[:, None] + np.arange(FRAME_SAMPLES)[None, :]]
    # Pre-emphasis inside each frame (the first sample keeps its value): flattens the spectral
    # tilt so the upper formants weigh in the cepstrum.
    emphasised = raw.copy()
    emphasised[:, 1:] -= 0.97 * raw[:, :-1]
    power = np.abs(np.fft.rfft(emphasised * _WINDOW, N_FFT)) ** 2
    mel = power.astype(np.float32) @ _MEL.T
    energy_db = (10.0 * np.log10(mel.sum(axis=1) + 1e-10)).astype(np.float32)
    cepstra = (np.log(mel + 1e-8) @ _DCT.T)[:, 1:]
    windowed = raw * _WINDOW
    ac = np.fft.irfft(np.abs(np.fft.rfft(windowed, PITCH_FFT)) ** 2, PITCH_FFT)[:, : _MAX_LAG + 1]
    ac = ac / np.maximum(ac[:, :1], 1e-12) / np.maximum(_WINDOW_AC, 1e-3)
    search = ac[:, _MIN_LAG:]
    top = search.max(axis=1, keepdims=True)
    # Octave guard: the unbiased autocorrelation is as high at twice the period as at the
    # period, so take the shortest lag that comes close to the best one, then climb to the
    # top of that peak.
    best = np.argmax(search >= OCTAVE_GUARD * top, axis=1)
    for _ in range(8):
        nxt = np.minimum(best + 1, search.shape[1] - 1)
        climb = search[np.arange(len(best)), nxt] > search[np.arange(len(best)), best]
        best = np.where(climb, nxt, best)
    peak = search[np.arange(len(best)), best]
    log_pitch = np.log2(SAMPLE_RATE / (best + _MIN_LAG)).astype(np.float32)
    log_pitch[peak < VOICED_PEAK] = np.nan
    return cepstra.astype(np.float32), log_pitch, energy_db


def voice_frames(
    audio: Floats, index: Indices, check: Callable[[], None] | None = None
) -> VoiceFrames:
    """Features of the frames ``index`` (sorted, unique) of 16 kHz mono ``audio``.

    ``check`` runs after every block (the caller's deadline: it raises to stop the work).
    """
    n = len(index)
    cepstra = np.zeros((n, N_CEPS - 1), np.float32)
    log_pitch = np.full(n, np.nan, np.float32)
    energy = np.full(n, -100.0, np.float32)
    for at in range(0, n, BLOCK_FRAMES):
        part = index[at : at + BLOCK_FRAMES]
        (
            cepstra[at : at + len(part)],
            log_pitch[at : at + len(part)],
            energy[at : at + len(part)],
        ) = _block(audio, part)
        if check is not None:
            check()
    loudest = float(energy.max()) if n else 0.0
    speech = (energy > loudest - SPEECH_RANGE_DB) & (energy > SILENCE_DB)
    log_pitch[~speech] = np.nan
    return VoiceFrames(index=index, cepstra=cepstra, log_pitch=log_pitch, speech=speech)
