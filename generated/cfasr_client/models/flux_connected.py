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

T = TypeVar("T", bound="FluxConnected")


@_attrs_define
class FluxConnected:
    """Server message sent once when the session is ready.

    Attributes:
        type_ (Literal['Connected']): Message type.
        request_id (str): Session request id.
        sequence_id (int): Counter of server messages
    """

    type_: Literal["Connected"]
    request_id: str
    sequence_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        request_id = self.request_id

        sequence_id = self.sequence_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "request_id": request_id,
                "sequence_id": sequence_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["Connected"], d.pop("type"))
        if type_ != "Connected":
            raise ValueError(f"type must match const 'Connected', got '{type_}'")

        request_id = d.pop("request_id")

        sequence_id = d.pop("sequence_id")

        flux_connected = cls(
            type_=type_,
            request_id=request_id,
            sequence_id=sequence_id,
        )

        flux_connected.additional_properties = d
        return flux_connected

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
