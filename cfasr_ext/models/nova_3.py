"""@cf/deepgram/nova-3 and nova-3-internal: raw audio over REST, Deepgram v1 `listen` streams.

Their faces are generated from openapi.yaml (`_generated.py`, body kinds `raw-audio` and
`listen-v1`); this module keeps the names they had when they were written by hand.
"""

from __future__ import annotations

from cfasr_ext.models._generated import (
    AsyncNova3,
    AsyncNova3Internal,
    Nova3,
    Nova3Internal,
    build_run_nova3,
)

__all__ = ["AsyncNova3", "AsyncNova3Internal", "Nova3", "Nova3Internal", "build_nova_3_transcribe"]

build_nova_3_transcribe = build_run_nova3
