"""Options of the streaming models, checked against the contract generated from openapi.yaml.

The names, types, ranges, enums, defaults and "required with" rules of `streamNova3` and
`streamFlux` live in the spec alone; `cfasr_client.contract` carries them here. What this
module adds is what a session needs to know about its audio (bytes per second, the size of
one sample frame) to keep its resend ledger, and the `OptionError` a caller sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack

import attrs
from cfasr_client.contract import OptionProblem, Params
from cfasr_client.contract.options import StreamFluxOptions, StreamNova3Options
from cfasr_client.contract.params import StreamFluxParams, StreamNova3Params

from cfasr_ext._errors import OptionError
from cfasr_ext._options import check_options

P = TypeVar("P", bound=Params)

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


def check_each_option(params: P) -> P:
    """Each given option checked on its own, as a mid-stream `Configure` changes a few of
    them without restating the rest (the rules between options are not applied)."""
    try:
        return params.each_checked()
    except OptionProblem as problem:
        raise OptionError(problem.message) from None


class _AsSent:
    """What the stream options showed before they were the generated classes: the options
    that will be sent, by name, and a repr of those alone."""

    __slots__ = ()

    if TYPE_CHECKING:  # provided by the generated parameter class that follows in the MRO

        def given(self) -> dict[str, Any]: ...

    @property
    def values(self) -> dict[str, Any]:
        """The options that will be sent, by name (a copy); the same as `given()`."""
        return self.given()

    def get(self, name: str) -> Any:
        """One option's checked value, or None when it is not sent."""
        return self.given().get(name)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.given().items())
        return f"{type(self).__name__}({shown})"


@attrs.frozen(kw_only=True, init=False, repr=False)
class Nova3StreamOptions(_AsSent, StreamNova3Params):
    """Query options of the nova-3 (and nova-3-internal) WebSocket, Deepgram v1 `listen`:
    the generated `StreamNova3Params`, checked when built, with the audio's layout.

    `encoding` + `sample_rate` describe raw audio; leave both unset to send a container
    (wav, ogg...). Booleans become "true"/"false"; `keyterm` may be a list (repeated).
    """

    def __init__(self, **options: Unpack[StreamNova3Options]) -> None:
        checked: dict[str, Any] = check_options(StreamNova3Params.OPERATION, options, defaults=True)
        self.__attrs_init__(**checked)

    @classmethod
    def from_kwargs(cls, **options: Any) -> Self:
        """Build from keyword arguments; an unknown name raises `OptionError` listing valid ones."""
        made: Self = cls(**options)
        return made

    @property
    def bytes_per_second(self) -> int | None:
        """Audio bytes per second of raw audio; None when it cannot be known (compressed)."""
        width = bytes_per_sample(self.encoding)
        if width is None or self.sample_rate is None:
            return None
        return width * self.sample_rate * self.effective().channels

    @property
    def frame_bytes(self) -> int:
        """Bytes of one sample across all channels: audio is only ever cut at this boundary."""
        return (bytes_per_sample(self.encoding) or 1) * self.effective().channels


@attrs.frozen(kw_only=True, init=False, repr=False)
class FluxStreamOptions(_AsSent, StreamFluxParams):
    """Query options of the flux WebSocket (Deepgram v2 `listen`): the generated
    `StreamFluxParams`, checked when built, with the spec's defaults of `encoding` and
    `sample_rate` filled in. Numbers may be given as numbers or as text ("0.7")."""

    def __init__(self, **options: Unpack[StreamFluxOptions]) -> None:
        checked: dict[str, Any] = check_options(StreamFluxParams.OPERATION, options, defaults=True)
        self.__attrs_init__(**checked)

    @classmethod
    def from_kwargs(cls, **options: Any) -> Self:
        """Build from keyword arguments; an unknown name raises `OptionError` listing valid ones."""
        made: Self = cls(**options)
        return made

    @property
    def bytes_per_second(self) -> int:
        """Flux audio is mono linear16."""
        return 2 * self.effective().sample_rate

    @property
    def frame_bytes(self) -> int:
        return 2
