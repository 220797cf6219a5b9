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
            type_ (Literal['TurnInfo'] | Unset): Message type (may be missing).
            request_id (str | Unset): Session request id.
            sequence_id (int | Unset): Counter of server messages.
            audio_window_start (float | Unset): Start of the audio this turn covers
            audio_window_end (float | Unset): End of the audio covered so far
            words (list[FluxWord] | Unset): The turn's words so far.
            end_of_turn_confidence (float | Unset): Confidence that the turn has ended.
            trigger (str | Unset): What ended the turn: model, manual or timeout.
    """

    event: FluxTurnEvent
    turn_index: int
    transcript: str
    type_: Literal["TurnInfo"] | Unset = UNSET
    request_id: str | Unset = UNSET
    sequence_id: int | Unset = UNSET
    audio_window_start: float | Unset = UNSET
    audio_window_end: float | Unset = UNSET
    words: list[FluxWord] | Unset = UNSET
    end_of_turn_confidence: float | Unset = UNSET
    trigger: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        turn_index = self.turn_index

        transcript = self.transcript

        type_ = self.type_

        request_id = self.request_id

        sequence_id = self.sequence_id

        audio_window_start = self.audio_window_start

        audio_window_end = self.audio_window_end

        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words, Unset):
            words = []
            for words_item_data in self.words:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        end_of_turn_confidence = self.end_of_turn_confidence

        trigger = self.trigger

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
            type_=type_,
            request_id=request_id,
            sequence_id=sequence_id,
            audio_window_start=audio_window_start,
            audio_window_end=audio_window_end,
            words=words,
            end_of_turn_confidence=end_of_turn_confidence,
            trigger=trigger,
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
