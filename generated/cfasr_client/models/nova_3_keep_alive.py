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

T = TypeVar("T", bound="Nova3KeepAlive")


@_attrs_define
class Nova3KeepAlive:
    """Client text frame that keeps an idle nova-3 socket open; send every 3-5 s while no audio flows. No reply.

    Attributes:
        type_ (Literal['KeepAlive']): Message type.
    """

    type_: Literal["KeepAlive"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["KeepAlive"], d.pop("type"))
        if type_ != "KeepAlive":
            raise ValueError(f"type must match const 'KeepAlive', got '{type_}'")

        nova_3_keep_alive = cls(
            type_=type_,
        )

        nova_3_keep_alive.additional_properties = d
        return nova_3_keep_alive

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
