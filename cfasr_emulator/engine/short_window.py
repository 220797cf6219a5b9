"""Encode a short clip's features, not 30 seconds of padding.

faster-whisper pads every decoding window's log-Mel features to 3000 frames (30 s), so a 4 s
clip costs the encoder as much as 30 s of speech: on tiny.en that was over 80 % of the
request's CPU time. CTranslate2's Whisper encoder accepts shorter inputs, so the padding is
cut back to the content plus a margin, rounded to whole seconds (fewer distinct shapes).

The margin and a floor of 10 s keep the input close to what Whisper was trained on: with no
margin the decoder repeats itself (it never "sees" the speech end), and on the bundled
samples and clips cut or mixed from them, 3 s of margin over a 10 s floor gave the same words
as the full window but one (measured in BENCHMARKS.md, engine section). Calls with key terms,
a prompt or a prefix keep the full window (:meth:`.LocalWhisper.full_windows` says why).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FULL_WINDOW_FRAMES = 3000
"""Whisper's decoding window: 30 s of 10 ms feature frames."""
MIN_WINDOW_FRAMES = 1000
"""The encoder never sees less than 10 s, speech plus padding."""
MARGIN_FRAMES = 300
"""Padding kept after the last frame of audio (3 s)."""
STEP_FRAMES = 100
"""Window lengths are whole seconds."""


def content_frames(features: npt.NDArray[Any]) -> int:
    """Frames up to the last one holding audio: faster-whisper pads with exact zeros, which a
    log-Mel frame of real audio (even digital silence) never is."""
    columns = np.any(features.reshape(-1, features.shape[-1]) != 0, axis=0)
    filled = np.flatnonzero(columns)
    return int(filled[-1]) + 1 if filled.size else 0


def window_frames(content: int, full: int = FULL_WINDOW_FRAMES) -> int:
    """How many frames of a padded window the encoder gets for ``content`` frames of audio."""
    wanted = -(-(content + MARGIN_FRAMES) // STEP_FRAMES) * STEP_FRAMES
    return min(full, max(MIN_WINDOW_FRAMES, wanted))


def trim_padding(features: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``features`` (``[..., mels, frames]``) cut to :func:`window_frames` of its content."""
    frames = window_frames(content_frames(features), features.shape[-1])
    if frames >= features.shape[-1]:
        return features
    return np.ascontiguousarray(features[..., :frames])
