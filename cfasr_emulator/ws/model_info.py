"""How streamed results name the model behind them, so nobody mistakes the emulator for Deepgram.

In the labelled skip-recognition mode the name says so, because those results carry no
recognition at all.
"""

from __future__ import annotations

import uuid

from ..engine import SKIP_MODEL_NAME

_NAMESPACE = uuid.UUID("6c0f2f4e-3f53-4c43-9d0f-7a3c2c1d5e00")


def model_identity(local_model: str, recognition_skipped: bool) -> tuple[str, str, str, str]:
    """``(name, version, arch, model_uuid)`` for a session's results."""
    if recognition_skipped:
        name, arch = SKIP_MODEL_NAME, "none"
    else:
        name, arch = f"cfasr-emulator-whisper-{local_model}", "faster-whisper"
    return name, "emulator", arch, str(uuid.uuid5(_NAMESPACE, name))
