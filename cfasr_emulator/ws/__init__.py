"""The emulator's streaming side: nova-3 / nova-3-internal (Deepgram v1) and flux (v2).

``websocket_routes(ctx)`` gives the Starlette routes; the recognizers in
``recognizer_v1``/``recognizer_v2`` are pure state machines usable without a server.
"""

from __future__ import annotations

from .handlers import websocket_routes
from .options import OptionProblem, V1Options, V2Options, parse_v1, parse_v2
from .protocol import Close, Recognizer, Step
from .recognizer_v1 import NovaRecognizer
from .recognizer_v2 import FluxRecognizer, end_of_turn_confidence
from .stream_transcriber import EngineTranscriber, StreamTranscriber

__all__ = [
    "Close",
    "EngineTranscriber",
    "FluxRecognizer",
    "NovaRecognizer",
    "OptionProblem",
    "Recognizer",
    "Step",
    "StreamTranscriber",
    "V1Options",
    "V2Options",
    "end_of_turn_confidence",
    "parse_v1",
    "parse_v2",
    "websocket_routes",
]
