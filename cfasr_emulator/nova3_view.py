"""nova-3's options as the local engine reads them: one view for the POST and the WebSocket.

The contract's generated parameter classes (``RunNova3Params``, ``StreamNova3Params``) check
the query; this module says what the engine does with the options the two share (language,
keyterms, punctuation, the audio's layout) once, so the two transports cannot drift apart.
Each transport's record extends :class:`Nova3View` with what only it has (utterances for
the POST; interim results and endpointing for the stream).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

import attrs
from cfasr_client.contract.params import (
    RunNova3Effective,
    RunNova3Params,
    StreamNova3Effective,
    StreamNova3Params,
)

from .engine import ModelName, choose_model
from .option_words import parse_params

__all__ = ["Nova3View", "ViewFields", "not_applied", "refuse_refused", "turned_on", "view_fields"]

_REST = RunNova3Params.OPERATION
_NOVA3 = _REST.model


@attrs.frozen(kw_only=True)
class Nova3View:
    """What the engine is told about a nova-3 request, whichever way it came."""

    language: str
    """Deepgram's language tag (the spec's default when none is given)."""
    detect_language: bool = False
    """The caller asked for the language to be detected (the POST's ``detect_language``)."""
    punctuate: bool
    """Punctuated and capitalised words: ``punctuate``, ``smart_format`` or ``paragraphs``."""
    keyterms: tuple[str, ...]
    """The terms to boost, trimmed; empty ones dropped."""
    encoding: str | None
    sample_rate: int | None
    channels: int
    multichannel: bool
    """Transcribe each channel on its own (else they are mixed down to one)."""

    @property
    def detects(self) -> bool:
        """The language is left open: detection was asked for, or ``multi``."""
        return self.detect_language or self.language == "multi"

    @property
    def whisper_language(self) -> str | None:
        """Whisper's code for the language (the tag's primary subtag); ``None``: detect."""
        return None if self.detects else self.language.split("-", 1)[0].lower()

    @property
    def model(self) -> ModelName:
        return choose_model(_NOVA3, language=self.whisper_language, detect_language=self.detects)

    @property
    def hotwords(self) -> str | None:
        return " ".join(self.keyterms) or None


class ViewFields(TypedDict):
    """:class:`Nova3View`'s fields, typed, so a transport's record can be built from them."""

    language: str
    detect_language: bool
    punctuate: bool
    keyterms: tuple[str, ...]
    encoding: str | None
    sample_rate: int | None
    channels: int
    multichannel: bool


def view_fields(effective: RunNova3Effective | StreamNova3Effective) -> ViewFields:
    """The shared fields of :class:`Nova3View`, from either operation's effective options."""
    detect = isinstance(effective, RunNova3Effective) and effective.detect_language
    # Deepgram turns punctuation on with paragraphs (the POST's option).
    paragraphs = isinstance(effective, RunNova3Effective) and effective.paragraphs
    return ViewFields(
        language=effective.language,
        detect_language=detect,
        punctuate=effective.punctuate or effective.smart_format or paragraphs,
        keyterms=tuple(term.strip() for term in effective.keyterm if term.strip()),
        encoding=effective.encoding,
        sample_rate=effective.sample_rate,
        channels=effective.channels,
        multichannel=effective.multichannel,
    )


def refuse_refused(items: Iterable[tuple[str, str]]) -> None:
    """Refuse, in the service's own words, a parameter the spec marks refused for nova-3
    (``keywords``), on either transport: the POST's check, applied to those alone (the
    stream's operation does not list them)."""
    refused = [
        (name, text)
        for name, text in items
        if (param := _REST.get(name)) is not None and param.refused is not None
    ]
    if refused:
        parse_params(RunNova3Params, refused)  # raises RefusedOption in Cloudflare's words


def turned_on(value: object) -> bool:
    """Whether a checked option asks for something: not ``false``, and for a repeatable
    option (a sequence of values) at least one value that is not ``false``."""
    if isinstance(value, list | tuple):
        return any(turned_on(item) for item in value)
    return value is not False and value != "false"


def not_applied(
    params: RunNova3Params | StreamNova3Params, honoured: Iterable[attrs.Attribute[Any]]
) -> tuple[str, ...]:
    """The options given, and turned on, that the engine does nothing with: they are
    accepted, as Cloudflare accepts them, and reported."""
    done = {field.name for field in honoured}
    given: Mapping[str, object] = params.given()
    return tuple(name for name, value in given.items() if name not in done and turned_on(value))
