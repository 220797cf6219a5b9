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

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Finalize")


@_attrs_define
class Nova3Finalize:
    """Client text frame that flushes buffered audio now; the results carry `from_finalize`.

    Attributes:
        type_ (Literal['Finalize']): Message type.
        channel (int | Unset): Only this channel.
    """

    type_: Literal["Finalize"]
    channel: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        channel = self.channel

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["Finalize"], d.pop("type"))
        if type_ != "Finalize":
            raise ValueError(f"type must match const 'Finalize', got '{type_}'")

        channel = d.pop("channel", UNSET)

        nova_3_finalize = cls(
            type_=type_,
            channel=channel,
        )

        nova_3_finalize.additional_properties = d
        return nova_3_finalize

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
