from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Nova3SpeechStartedMessage")


@_attrs_define
class Nova3SpeechStartedMessage:
    """Server message sent when speech begins (with vad_events).

    Attributes:
        type_ (Literal['SpeechStarted']): Message type.
        channel (list[int]): [channel index, channel count].
        timestamp (float): When speech began
    """

    type_: Literal["SpeechStarted"]
    channel: list[int]
    timestamp: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        channel = self.channel

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "channel": channel,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["SpeechStarted"], d.pop("type"))
        if type_ != "SpeechStarted":
            raise ValueError(f"type must match const 'SpeechStarted', got '{type_}'")

        channel = cast(list[int], d.pop("channel"))

        timestamp = d.pop("timestamp")

        nova_3_speech_started_message = cls(
            type_=type_,
            channel=channel,
            timestamp=timestamp,
        )

        nova_3_speech_started_message.additional_properties = d
        return nova_3_speech_started_message

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
