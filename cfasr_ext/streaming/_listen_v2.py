"""The Deepgram v2 `listen` half of the sans-I/O core (flux): `Configure`, `ForceEndTurn`, turn
events and the silence flux needs in place of a KeepAlive message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cfasr_client.contract.params import StreamFluxParams
from cfasr_client.models import (
    FluxCloseStream,
    FluxConfigure,
    FluxConfigureFailure,
    FluxConfigureSuccess,
    FluxConfigureThresholds,
    FluxConnected,
    FluxError,
    FluxForceEndTurn,
)
from cfasr_client.types import UNSET

from cfasr_ext._unchecked import ExtraQuery
from cfasr_ext.streaming import _events as ev
from cfasr_ext.streaming._message_checks import (
    check_turn,
    shift,
    shift_words,
)
from cfasr_ext.streaming._protocol import (
    DEFAULT_KEEPALIVE_INTERVAL,
    DEFAULT_MAX_RESEND_SECONDS,
    Frame,
    StreamProtocol,
    text_frame,
)
from cfasr_ext.streaming._stream_errors import (
    StreamServerError,
)
from cfasr_ext.streaming._stream_options import (
    FluxStreamOptions,
    check_each_option,
)

_SILENCE_SECONDS = 0.02  # flux has no KeepAlive message; 20 ms of zeros keeps it open

_TURN_EVENTS: dict[str, type[ev.TurnInfo]] = {
    "StartOfTurn": ev.StartOfTurn,
    "Update": ev.Update,
    "EagerEndOfTurn": ev.EagerEndOfTurn,
    "TurnResumed": ev.TurnResumed,
    "EndOfTurn": ev.EndOfTurn,
}


class ListenV2Protocol(StreamProtocol):
    """Deepgram v2 `listen`: flux, with turn events, Configure and ForceEndTurn."""

    model = FluxStreamOptions.OPERATION.model
    options: FluxStreamOptions

    def __init__(
        self,
        options: FluxStreamOptions,
        *,
        keepalive_interval: float | None = DEFAULT_KEEPALIVE_INTERVAL,
        max_resend_seconds: float = DEFAULT_MAX_RESEND_SECONDS,
        extra_query: ExtraQuery | None = None,
    ) -> None:
        super().__init__(
            options,
            keepalive_interval=keepalive_interval,
            max_resend_seconds=max_resend_seconds,
            extra_query=extra_query,
        )
        self.turns_ended = 0  # turns completed before the current connection
        self._turn_offset = 0

    def configure(
        self,
        now: float,
        *,
        eager_eot_threshold: float | None = None,
        eot_threshold: float | None = None,
        eot_timeout_ms: int | None = None,
        keyterms: list[str] | None = None,
    ) -> str:
        """Configure: change thresholds or keyterms mid-stream (validated like the options)."""
        self._check_sendable("Configure")
        checked = check_each_option(
            StreamFluxParams(
                eager_eot_threshold=eager_eot_threshold,
                eot_threshold=eot_threshold,
                eot_timeout_ms=eot_timeout_ms,
                keyterm=((keyterms,) if isinstance(keyterms, str) else tuple(keyterms))
                if keyterms
                else None,
            )
        )
        thresholds = FluxConfigureThresholds(
            eager_eot_threshold=_or_unset(checked.eager_eot_threshold),
            eot_threshold=_or_unset(checked.eot_threshold),
            eot_timeout_ms=_or_unset(checked.eot_timeout_ms),
        )
        message = FluxConfigure(
            type_="Configure",
            thresholds=thresholds if thresholds.to_dict() else UNSET,
            keyterms=list(checked.keyterm or ()) if keyterms is not None else UNSET,
        )
        return self._text(text_frame(message), now)

    def force_end_turn(self, now: float) -> str:
        """ForceEndTurn: end the current turn now; the server answers EndOfTurn."""
        self._check_sendable("ForceEndTurn")
        return self._text(text_frame(FluxForceEndTurn(type_="ForceEndTurn")), now)

    def _close_frame(self) -> str:
        return text_frame(FluxCloseStream(type_="CloseStream"))

    def _keepalive_frame(self, now: float) -> Frame:
        silence = bytes(
            self.ledger.frame_bytes * int(self.options.effective().sample_rate * _SILENCE_SECONDS)
        )
        return self.audio(silence, now)

    def _on_resume(self) -> None:
        self._turn_offset = self.turns_ended

    def _parsers(self) -> dict[str, Callable[[dict[str, Any]], ev.StreamEvent]]:
        return {
            "Connected": lambda raw: ev.Connected._parsed(raw, FluxConnected.from_dict(raw)),
            "TurnInfo": self._turn_info,
            "ConfigureSuccess": _configure_success,
            "ConfigureFailure": _configure_failure,
            "Error": self._error,
        }

    def _untyped_parser(
        self, raw: dict[str, Any]
    ) -> Callable[[dict[str, Any]], ev.StreamEvent] | None:
        # Cloudflare's schema lists TurnInfo without `type`: dispatch on `event` then.
        return self._turn_info if "type" not in raw and "event" in raw else None

    def _turn_info(self, raw: dict[str, Any]) -> ev.StreamEvent:
        check_turn(raw)
        kind = _TURN_EVENTS.get(raw.get("event"))  # type: ignore[arg-type]
        if kind is None:
            raise ValueError(f"unknown turn event {raw.get('event')!r}")
        if self.offset:
            shift(raw, ("audio_window_start", "audio_window_end"), self.offset)
            shift_words(raw.get("words", []), self.offset)
        if self._turn_offset:
            raw["turn_index"] += self._turn_offset
        event = kind._parsed(raw)  # check_turn vouches for FluxTurnInfo.from_dict
        if isinstance(event, ev.EndOfTurn):
            self.finals.append(event)
            self.turns_ended = raw["turn_index"] + 1
            end = raw.get("audio_window_end")
            if end is not None:
                self.ledger.commit(end)
        return event

    def _error(self, raw: dict[str, Any]) -> ev.StreamEvent:
        event = ev.ErrorMessage._parsed(raw, FluxError.from_dict(raw))
        self._fatal = StreamServerError(
            f"flux reported a fatal error {event.message.code}: {event.message.description}",
            close_code=None,
            retryable=True,
        )
        return event


def _configure_success(raw: dict[str, Any]) -> ev.StreamEvent:
    return ev.ConfigureSuccess._parsed(raw, FluxConfigureSuccess.from_dict(raw))


def _configure_failure(raw: dict[str, Any]) -> ev.StreamEvent:
    return ev.ConfigureFailure._parsed(raw, FluxConfigureFailure.from_dict(raw))


def _or_unset(value: Any) -> Any:
    return UNSET if value is None else value
