"""A transcription session's settings: what `session.update` says, and what it means upstream.

Two shapes arrive: the GA `session.update` (`{"type": "transcription", "audio": {"input":
{...}}}`, openai-python's `RealtimeTranscriptionSessionCreateRequest`) and the beta
`transcription_session.update` (`input_audio_format`, `input_audio_transcription`, ...). Both
become one frozen `SessionConfig`, which answers in the shape it was asked in.

The mapping to Workers AI: `turn_detection` picks the engine (`semantic_vad` → flux, whose
turns are semantic; `server_vad` or none → nova-3), and the option names come from the
generated contract (`StreamNova3Params`, `StreamFluxParams`), never typed here.
"""

from __future__ import annotations

from typing import Any, Literal, cast

import attrs
from cfasr_client.contract import Param
from cfasr_client.contract.params import StreamFluxParams, StreamNova3Params

from cfasr_ext import FluxStreamOptions, Nova3StreamOptions, OptionError
from cfasr_ext.internal import FLUX

from ..errors import OpenAIError
from ..model_names import realtime_model_for
from .events import RealtimeProblem

__all__ = ["UPSTREAM_SAMPLE_RATE", "SemanticVad", "ServerVad", "SessionConfig", "update"]

UPSTREAM_SAMPLE_RATE = 16000
"""Every input format is converted to linear16 mono at this rate, nova-3's and flux's
recommended one (see `audio.py`)."""

_NOVA = attrs.fields(StreamNova3Params)
_FLUX = attrs.fields(StreamFluxParams)

FORMATS = {"audio/pcm": "pcm16", "audio/pcmu": "g711_ulaw", "audio/pcma": "g711_alaw"}
"""GA format types → the beta names of the same formats."""
PCM_RATE = 24000
"""OpenAI's pcm16 is 24 kHz mono ("Only a 24kHz sample rate is supported")."""
LOGPROBS = "item.input_audio_transcription.logprobs"

EAGERNESS_TIMEOUT_MS = {"low": 8000, "medium": 4000, "high": 2000, "auto": 4000}
"""OpenAI's `semantic_vad` eagerness: "`low`, `medium`, and `high` have max timeouts of 8s,
4s, and 2s"; `auto` "is equivalent to `medium`" (openai-python's `SemanticVad` docs). The
timeout becomes flux's `eot_timeout_ms`."""


def _number(kind: type, low: float, high: float | None) -> Any:
    """An attrs validator: a number of `kind` (bools refused) within [low, high]."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        del instance
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and kind is int:
            ok = isinstance(value, int)
        if not ok or value < low or (high is not None and value > high):  # type: ignore[operator]
            bound = f" from {low} to {high}" if high is not None else f" of at least {low}"
            raise ValueError(f"turn_detection.{attribute.name} must be a number{bound}.")

    return check


@attrs.frozen
class ServerVad:
    """OpenAI's defaults: threshold 0.5, 300 ms prefix padding, 500 ms of silence."""

    threshold: float = attrs.field(default=0.5, validator=_number(float, 0, 1))
    prefix_padding_ms: int = attrs.field(default=300, validator=_number(int, 0, None))
    silence_duration_ms: int = attrs.field(default=500, validator=_number(int, 0, None))

    def to_json(self) -> dict[str, Any]:
        return {"type": "server_vad", **attrs.asdict(self)}


@attrs.frozen
class SemanticVad:
    eagerness: Literal["low", "medium", "high", "auto"] = "auto"

    def to_json(self) -> dict[str, Any]:
        return {"type": "semantic_vad", "eagerness": self.eagerness}


TurnDetection = ServerVad | SemanticVad | None


def _eot_threshold(eagerness: str, param: Param) -> float:
    """Eagerness → flux's end-of-turn confidence, within the contract's own range: `high`
    ends turns at the lowest confidence allowed, `low` at the highest, medium/auto at the
    service's default."""
    if eagerness == "high" and param.minimum is not None:
        return param.minimum
    if eagerness == "low" and param.maximum is not None:
        return param.maximum
    return float(param.service_default)  # type: ignore[arg-type]


@attrs.frozen
class SessionConfig:
    audio_format: str = "audio/pcm"
    model: str = "gpt-4o-transcribe"
    language: str | None = None
    prompt: str | None = None
    turn_detection: TurnDetection = ServerVad()
    include: tuple[str, ...] = ()
    beta: bool = False
    """Asked in the beta shape (`transcription_session.update`): answer in it too."""

    @property
    def engine(self) -> str:
        """The Workers AI model: flux for `semantic_vad`, else the model's own mapping."""
        if isinstance(self.turn_detection, SemanticVad):
            return FLUX
        return _checked_model(self.model)

    def not_applied(self) -> list[str]:
        """Settings accepted, as OpenAI accepts them, that have no effect on this engine."""
        names = []
        if self.prompt:
            names.append("prompt")
        if LOGPROBS in self.include:
            names.append("include.logprobs")
        if self.language and self._language_param() is None:
            names.append("language")
        if isinstance(self.turn_detection, ServerVad):
            names.extend(["turn_detection.threshold", "turn_detection.prefix_padding_ms"])
        return names

    def _language_param(self) -> Param | None:
        operation = (
            StreamFluxParams.OPERATION if self.engine == FLUX else StreamNova3Params.OPERATION
        )
        return operation.get(_NOVA.language.name)

    def upstream_options(self) -> dict[str, Any]:
        """The engine's stream options (checked by the SDK's option classes, so a language
        the engine does not know is an `error` event at `session.update`)."""
        options: dict[str, Any]
        if self.engine == FLUX:
            options = {
                _FLUX.encoding.name: "linear16",
                _FLUX.sample_rate.name: UPSTREAM_SAMPLE_RATE,
            }
            if isinstance(self.turn_detection, SemanticVad):
                eagerness = self.turn_detection.eagerness
                threshold = StreamFluxParams.OPERATION.get(_FLUX.eot_threshold.name)
                assert threshold is not None
                options[_FLUX.eot_threshold.name] = _eot_threshold(eagerness, threshold)
                options[_FLUX.eot_timeout_ms.name] = EAGERNESS_TIMEOUT_MS[eagerness]
            check: Any = FluxStreamOptions
        else:
            vad = self.turn_detection
            options = {
                _NOVA.encoding.name: "linear16",
                _NOVA.sample_rate.name: UPSTREAM_SAMPLE_RATE,
                _NOVA.punctuate.name: True,
                _NOVA.interim_results.name: isinstance(vad, ServerVad),
                _NOVA.vad_events.name: isinstance(vad, ServerVad),
                # With no turn detection only the client's commit ends an item.
                _NOVA.endpointing.name: str(vad.silence_duration_ms)
                if isinstance(vad, ServerVad)
                else "false",
            }
            check = Nova3StreamOptions
        if self.language and self._language_param() is not None:
            options[_NOVA.language.name] = self.language
        try:
            check(**options)
        except OptionError as error:
            raise RealtimeProblem(str(error), code="invalid_value", param="language") from None
        return options

    def to_json(self, session_id: str) -> dict[str, Any]:
        """The session as `session.created`/`updated` show it (GA or beta shape)."""
        transcription = {"model": self.model, "language": self.language, "prompt": self.prompt}
        turn = self.turn_detection.to_json() if self.turn_detection is not None else None
        extra = {"cfasr_model": self.engine, "cfasr_not_applied": self.not_applied()}
        if self.beta:
            return {
                "id": session_id,
                "object": "realtime.transcription_session",
                "input_audio_format": FORMATS[self.audio_format],
                "input_audio_transcription": transcription,
                "turn_detection": turn,
                "include": list(self.include) or None,
                **extra,
            }
        fmt: dict[str, Any] = {"type": self.audio_format}
        if self.audio_format == "audio/pcm":
            fmt["rate"] = PCM_RATE
        return {
            "type": "transcription",
            "id": session_id,
            "object": "realtime.transcription_session",
            "audio": {
                "input": {
                    "format": fmt,
                    "transcription": transcription,
                    "turn_detection": turn,
                    "noise_reduction": None,
                }
            },
            "include": list(self.include) or None,
            **extra,
        }


def _checked_model(name: str) -> str:
    try:
        return realtime_model_for(name)
    except OpenAIError as error:
        raise RealtimeProblem(error.message, code="invalid_value", param=error.param) from None


def _object(value: object, param: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RealtimeProblem(f"`{param}` must be an object.", code="invalid_type", param=param)
    return value


def _turn_detection(value: object, param: str) -> TurnDetection:
    if value is None:
        return None
    raw = _object(value, param)
    kind = raw.get("type")
    if kind == "server_vad":
        given = {
            f.name: raw[f.name] for f in attrs.fields(ServerVad) if raw.get(f.name) is not None
        }
        try:
            return ServerVad(**given)
        except (TypeError, ValueError) as error:
            raise RealtimeProblem(str(error), code="invalid_value", param=param) from None
    if kind == "semantic_vad":
        eagerness = raw.get("eagerness") or "auto"
        if eagerness not in EAGERNESS_TIMEOUT_MS:
            raise RealtimeProblem(
                f"Invalid value: {eagerness!r}. Supported values are: "
                f"{', '.join(map(repr, EAGERNESS_TIMEOUT_MS))}.",
                code="invalid_value",
                param=f"{param}.eagerness",
            )
        return SemanticVad(eagerness=cast(Any, eagerness))
    raise RealtimeProblem(
        f"Invalid value: {kind!r}. Supported values are: 'server_vad' and 'semantic_vad'.",
        code="invalid_value",
        param=f"{param}.type",
    )


def _format(kind: object, param: str, *, rate: object = None) -> str:
    by_name = {**{v: k for k, v in FORMATS.items()}, **{k: k for k in FORMATS}}
    if kind not in by_name:
        raise RealtimeProblem(
            f"Invalid value: {kind!r}. Supported values are: {', '.join(map(repr, by_name))}.",
            code="invalid_value",
            param=param,
        )
    if rate is not None and rate != PCM_RATE:
        raise RealtimeProblem(
            f"Invalid value: {rate!r}. Only a {PCM_RATE} Hz sample rate is supported.",
            code="invalid_value",
            param=param.replace("type", "rate"),
        )
    return by_name[str(kind)]


def update(config: SessionConfig, session: object, *, beta: bool) -> SessionConfig:
    """`config` with the fields `session` gives (absent fields keep their value; a field set
    to null is cleared, as OpenAI documents). Raises `RealtimeProblem` for a bad field."""
    raw = _object(session, "session")
    changes: dict[str, Any] = {"beta": beta}
    if beta:
        audio_in = raw
        fmt_key, fmt_param = "input_audio_format", "session.input_audio_format"
        trans_key = "input_audio_transcription"
        if fmt_key in raw:
            changes["audio_format"] = _format(raw[fmt_key], fmt_param)
    else:
        if raw.get("type", "transcription") != "transcription":
            raise RealtimeProblem(
                "This endpoint serves transcription sessions only: send session.type "
                "'transcription' (connect with ?intent=transcription).",
                code="invalid_value",
                param="session.type",
            )
        audio_in = _object(
            _object(raw.get("audio", {}), "session.audio").get("input", {}), "session.audio.input"
        )
        trans_key = "transcription"
        if "format" in audio_in:
            fmt = _object(audio_in["format"], "session.audio.input.format")
            changes["audio_format"] = _format(
                fmt.get("type"), "session.audio.input.format.type", rate=fmt.get("rate")
            )
    if "turn_detection" in audio_in:
        changes["turn_detection"] = _turn_detection(audio_in["turn_detection"], "turn_detection")
    if audio_in.get(trans_key) is not None:
        trans = _object(audio_in[trans_key], trans_key)
        for key in ("model", "language", "prompt"):
            if key in trans:
                value = trans[key]
                if value is not None and not isinstance(value, str):
                    raise RealtimeProblem(
                        f"`{key}` must be a string.",
                        code="invalid_type",
                        param=f"{trans_key}.{key}",
                    )
                changes[key] = value if (value or key != "model") else config.model
    if "include" in raw:
        include = raw["include"] or []
        if not isinstance(include, list) or any(item != LOGPROBS for item in include):
            raise RealtimeProblem(
                f"Invalid value for include; supported: [{LOGPROBS!r}].",
                code="invalid_value",
                param="session.include",
            )
        changes["include"] = tuple(include)
    updated = attrs.evolve(config, **changes)
    updated.upstream_options()  # raises for a model or language the engine refuses
    return updated
