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

T = TypeVar("T", bound="FluxError")


@_attrs_define
class FluxError:
    """Server message reporting a fatal error; the connection ends after it.

    Attributes:
        type_ (Literal['Error']): Message type.
        code (str): Error code such as INTERNAL_SERVER_ERROR.
        description (str): What went wrong.
        sequence_id (int | None): Counter of server messages.
    """

    type_: Literal["Error"]
    code: str
    description: str
    sequence_id: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        description = self.description

        _sequence_id_held: int | Unset = (
            UNSET if self.sequence_id is None else self.sequence_id
        )
        sequence_id = _sequence_id_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "description": description,
            }
        )
        if sequence_id is not UNSET:
            field_dict["sequence_id"] = sequence_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in ("sequence_id",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        type_ = cast(Literal["Error"], d.pop("type"))
        if type_ != "Error":
            raise ValueError(f"type must match const 'Error', got '{type_}'")

        code = d.pop("code")

        description = d.pop("description")

        sequence_id = d.pop("sequence_id", UNSET)

        flux_error = cls(
            type_=type_,
            code=code,
            description=description,
            sequence_id=None if isinstance(sequence_id, Unset) else sequence_id,
        )

        flux_error.additional_properties = d
        return flux_error

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
