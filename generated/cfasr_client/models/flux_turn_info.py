from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flux_turn_event import FluxTurnEvent
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flux_word import FluxWord


T = TypeVar("T", bound="FluxTurnInfo")


@_attrs_define
class FluxTurnInfo:
    """Server message with the state and cumulative transcript of the current turn. Cloudflare's schema omits `type`;
    dispatch on `event` then.

        Attributes:
            event (FluxTurnEvent): What happened to the turn.
            turn_index (int): Index of the turn
            transcript (str): The whole turn's text so far (not a delta).
            type_ (Literal['TurnInfo'] | None): Message type (may be missing).
            request_id (str | None): Session request id.
            sequence_id (int | None): Counter of server messages.
            audio_window_start (float | None): Start of the audio this turn covers
            audio_window_end (float | None): End of the audio covered so far
            words (list[FluxWord] | None): The turn's words so far.
            end_of_turn_confidence (float | None): Confidence that the turn has ended.
            trigger (str | None): What ended the turn: model, manual or timeout.
    """

    event: FluxTurnEvent
    turn_index: int
    transcript: str
    type_: Literal["TurnInfo"] | None = None
    request_id: str | None = None
    sequence_id: int | None = None
    audio_window_start: float | None = None
    audio_window_end: float | None = None
    words: list[FluxWord] | None = None
    end_of_turn_confidence: float | None = None
    trigger: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        turn_index = self.turn_index

        transcript = self.transcript

        _type__held: Literal["TurnInfo"] | Unset = (
            UNSET if self.type_ is None else self.type_
        )
        type_ = _type__held

        _request_id_held: str | Unset = (
            UNSET if self.request_id is None else self.request_id
        )
        request_id = _request_id_held

        _sequence_id_held: int | Unset = (
            UNSET if self.sequence_id is None else self.sequence_id
        )
        sequence_id = _sequence_id_held

        _audio_window_start_held: float | Unset = (
            UNSET if self.audio_window_start is None else self.audio_window_start
        )
        audio_window_start = _audio_window_start_held

        _audio_window_end_held: float | Unset = (
            UNSET if self.audio_window_end is None else self.audio_window_end
        )
        audio_window_end = _audio_window_end_held

        _words_held: list[FluxWord] | Unset = (
            UNSET if self.words is None else self.words
        )
        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_words_held, Unset):
            words = []
            for words_item_data in _words_held:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        _end_of_turn_confidence_held: float | Unset = (
            UNSET
            if self.end_of_turn_confidence is None
            else self.end_of_turn_confidence
        )
        end_of_turn_confidence = _end_of_turn_confidence_held

        _trigger_held: str | Unset = UNSET if self.trigger is None else self.trigger
        trigger = _trigger_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "turn_index": turn_index,
                "transcript": transcript,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if sequence_id is not UNSET:
            field_dict["sequence_id"] = sequence_id
        if audio_window_start is not UNSET:
            field_dict["audio_window_start"] = audio_window_start
        if audio_window_end is not UNSET:
            field_dict["audio_window_end"] = audio_window_end
        if words is not UNSET:
            field_dict["words"] = words
        if end_of_turn_confidence is not UNSET:
            field_dict["end_of_turn_confidence"] = end_of_turn_confidence
        if trigger is not UNSET:
            field_dict["trigger"] = trigger

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.flux_word import FluxWord

        d = dict(src_dict)
        for null_key in (
            "type",
            "request_id",
            "sequence_id",
            "audio_window_start",
            "audio_window_end",
            "words",
            "end_of_turn_confidence",
            "trigger",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        event = FluxTurnEvent(d.pop("event"))

        turn_index = d.pop("turn_index")

        transcript = d.pop("transcript")

        type_ = cast(Literal["TurnInfo"] | Unset, d.pop("type", UNSET))
        if type_ != "TurnInfo" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'TurnInfo', got '{type_}'")

        request_id = d.pop("request_id", UNSET)

        sequence_id = d.pop("sequence_id", UNSET)

        audio_window_start = d.pop("audio_window_start", UNSET)

        audio_window_end = d.pop("audio_window_end", UNSET)

        _words = d.pop("words", UNSET)
        words: list[FluxWord] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = FluxWord.from_dict(words_item_data)

                words.append(words_item)

        end_of_turn_confidence = d.pop("end_of_turn_confidence", UNSET)

        trigger = d.pop("trigger", UNSET)

        flux_turn_info = cls(
            event=event,
            turn_index=turn_index,
            transcript=transcript,
            type_=None if isinstance(type_, Unset) else type_,
            request_id=None if isinstance(request_id, Unset) else request_id,
            sequence_id=None if isinstance(sequence_id, Unset) else sequence_id,
            audio_window_start=None
            if isinstance(audio_window_start, Unset)
            else audio_window_start,
            audio_window_end=None
            if isinstance(audio_window_end, Unset)
            else audio_window_end,
            words=None if isinstance(words, Unset) else words,
            end_of_turn_confidence=None
            if isinstance(end_of_turn_confidence, Unset)
            else end_of_turn_confidence,
            trigger=None if isinstance(trigger, Unset) else trigger,
        )

        flux_turn_info.additional_properties = d
        return flux_turn_info

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
