"""Options of the streaming models, checked against the contract generated from openapi.yaml.

The names, types, ranges, enums, defaults and "required with" rules of `streamNova3` and
`streamFlux` live in the spec alone; `cfasr_client.contract` carries them here. What this
module adds is what a session needs to know about its audio (bytes per second, the size of
one sample frame) to keep its resend ledger, and the `OptionError` a caller sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, Unpack

from cfasr_client.contract import OPERATIONS, Operation, OptionProblem
from cfasr_client.contract.options import StreamFluxOptions, StreamNova3Options

from cfasr_ext._errors import OptionError
from cfasr_ext.models._options import check_options

__all__ = [
    "FluxStreamOptions",
    "Nova3StreamOptions",
    "bytes_per_sample",
    "check_each_option",
]

# Raw encodings whose byte count maps to audio time; the others are compressed. This is
# arithmetic about the audio, not a fact of the API.
_SAMPLE_WIDTH = {"linear16": 2, "linear32": 4, "mulaw": 1, "alaw": 1}


def bytes_per_sample(encoding: str | None) -> int | None:
    """Bytes per sample of a raw PCM encoding; None for compressed or containerised audio."""
    return _SAMPLE_WIDTH.get(encoding) if encoding else None


def check_each_option(operation: Operation, options: Mapping[str, object]) -> dict[str, Any]:
    """Each given option checked on its own, as a mid-stream `Configure` changes a few of
    them without restating the rest."""
    checked: dict[str, Any] = {}
    for name, value in options.items():
        param = operation.get(name)
        if value is None or param is None:
            continue
        try:
            checked[name] = param.check(value)
        except OptionProblem as problem:
            raise OptionError(problem.message) from None
    return checked


class _StreamOptions:
    """The checked query options of one streaming operation."""

    OPERATION: ClassVar[Operation]
    __slots__ = ("_values",)

    def __init__(self, **options: Any) -> None:
        self._values: dict[str, Any] = check_options(self.OPERATION, options, defaults=True)

    @classmethod
    def from_kwargs(cls, **options: Any) -> Self:
        """Build from keyword arguments; an unknown name raises `OptionError` listing valid ones."""
        return cls(**options)

    @property
    def values(self) -> dict[str, Any]:
        """The options that will be sent, by name (a copy)."""
        return dict(self._values)

    def get(self, name: str) -> Any:
        """One option's checked value, or None when it is not sent."""
        return self._values.get(name)

    def query(self) -> list[tuple[str, str]]:
        """The options as query pairs, in the spec's order, only those that are set."""
        return self.OPERATION.query(self._values)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values == self._values

    def __hash__(self) -> int:
        return hash(tuple(self.query()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"{type(self).__name__}({shown})"


class Nova3StreamOptions(_StreamOptions):
    """Query options of the nova-3 (and nova-3-internal) WebSocket, Deepgram v1 `listen`.

    `encoding` + `sample_rate` describe raw audio; leave both unset to send a container
    (wav, ogg...). Booleans become "true"/"false"; `keyterm` may be a list (repeated).
    """

    OPERATION = OPERATIONS["streamNova3"]
    __slots__ = ()

    def __init__(self, **options: Unpack[StreamNova3Options]) -> None:
        super().__init__(**options)

    @property
    def encoding(self) -> str | None:
        return self._values.get("encoding")

    @property
    def sample_rate(self) -> int | None:
        return self._values.get("sample_rate")

    @property
    def channels(self) -> int:
        return int(self._values.get("channels") or 1)

    @property
    def bytes_per_second(self) -> int | None:
        """Audio bytes per second of raw audio; None when it cannot be known (compressed)."""
        width = bytes_per_sample(self.encoding)
        if width is None or self.sample_rate is None:
            return None
        return width * self.sample_rate * self.channels

    @property
    def frame_bytes(self) -> int:
        """Bytes of one sample across all channels: audio is only ever cut at this boundary."""
        return (bytes_per_sample(self.encoding) or 1) * self.channels


class FluxStreamOptions(_StreamOptions):
    """Query options of the flux WebSocket (Deepgram v2 `listen`); text on the wire.

    Numbers may be given as numbers or as text ("0.7"); ranges and the defaults of
    `encoding` and `sample_rate` are the spec's.
    """

    OPERATION = OPERATIONS["streamFlux"]
    __slots__ = ()

    def __init__(self, **options: Unpack[StreamFluxOptions]) -> None:
        super().__init__(**options)

    @property
    def encoding(self) -> str:
        return str(self._values["encoding"])

    @property
    def sample_rate(self) -> int:
        return int(self._values["sample_rate"])

    @property
    def bytes_per_second(self) -> int:
        """Flux audio is mono linear16."""
        return 2 * self.sample_rate

    @property
    def frame_bytes(self) -> int:
        return 2
