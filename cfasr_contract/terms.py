"""The words the contract's checks are written in: a parameter's kind and location, an
operation's body kind, and the refusal every check raises (:class:`OptionProblem`, with the
:data:`Reason` it names).

Its own module because every other part of the runtime (:mod:`.param_checks`,
:mod:`.operation_checks`) and every layer that words a refusal its own way (the SDK, the
emulator, the command line) shares them.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["BODY_KINDS", "BodyKind", "Kind", "Location", "OptionProblem", "Reason"]

Kind = Literal["boolean", "integer", "number", "string", "array"]
Location = Literal["query", "body", "header"]
BodyKind = Literal[
    "raw-audio", "byte-array-json", "base64-json", "config-json", "listen-v1", "listen-v2"
]
"""How an operation carries its input. ``raw-audio``: the recording is the body, with its
audio MIME type, options in the query (nova-3). ``byte-array-json``: the recording as the raw
body or as JSON ``{"audio": [0-255, ...]}`` (whisper). ``base64-json``: JSON with the
recording base64-encoded beside the options (whisper-large-v3-turbo). ``config-json``: a JSON
body of options and no audio (flux's POST). ``listen-v1`` / ``listen-v2``: a WebSocket speaking
Deepgram's v1 or v2 ``listen`` protocol."""
BODY_KINDS: tuple[BodyKind, ...] = get_args(BodyKind)
Reason = Literal[
    "unknown", "type", "range", "enum", "pattern", "length", "required", "refused", "emulator_limit"
]


class OptionProblem(ValueError):
    """One parameter that the contract refuses; ``reason`` says which rule it broke."""

    def __init__(self, param: str, reason: Reason, message: str, value: object = None) -> None:
        super().__init__(message)
        self.param = param
        self.reason: Reason = reason
        self.message = message
        self.value = value
