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

T = TypeVar("T", bound="Nova3UtteranceEndMessage")


@_attrs_define
class Nova3UtteranceEndMessage:
    """Server message sent when no word followed the last one for `utterance_end_ms`.

    Attributes:
        type_ (Literal['UtteranceEnd']): Message type.
        channel (list[int]): [channel index, channel count].
        last_word_end (float): End time of the last word
    """

    type_: Literal["UtteranceEnd"]
    channel: list[int]
    last_word_end: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        channel = self.channel

        last_word_end = self.last_word_end

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "channel": channel,
                "last_word_end": last_word_end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["UtteranceEnd"], d.pop("type"))
        if type_ != "UtteranceEnd":
            raise ValueError(f"type must match const 'UtteranceEnd', got '{type_}'")

        channel = cast(list[int], d.pop("channel"))

        last_word_end = d.pop("last_word_end")

        nova_3_utterance_end_message = cls(
            type_=type_,
            channel=channel,
            last_word_end=last_word_end,
        )

        nova_3_utterance_end_message.additional_properties = d
        return nova_3_utterance_end_message

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
