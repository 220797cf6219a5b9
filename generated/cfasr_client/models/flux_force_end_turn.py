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

T = TypeVar("T", bound="FluxForceEndTurn")


@_attrs_define
class FluxForceEndTurn:
    """Client text frame ending the current turn now; the server answers EndOfTurn.

    Attributes:
        type_ (Literal['ForceEndTurn']): Message type.
    """

    type_: Literal["ForceEndTurn"]
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
        type_ = cast(Literal["ForceEndTurn"], d.pop("type"))
        if type_ != "ForceEndTurn":
            raise ValueError(f"type must match const 'ForceEndTurn', got '{type_}'")

        flux_force_end_turn = cls(
            type_=type_,
        )

        flux_force_end_turn.additional_properties = d
        return flux_force_end_turn

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
