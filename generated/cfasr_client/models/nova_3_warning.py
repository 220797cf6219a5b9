from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Warning")


@_attrs_define
class Nova3Warning:
    """An option that was accepted but not applied, or another caveat.

    Attributes:
        parameter (str | None): The option concerned.
        type_ (str | None): Kind of warning
        message (str | None): Explanation.
    """

    parameter: str | None = None
    type_: str | None = None
    message: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _parameter_held: str | Unset = (
            UNSET if self.parameter is None else self.parameter
        )
        parameter = _parameter_held

        _type__held: str | Unset = UNSET if self.type_ is None else self.type_
        type_ = _type__held

        _message_held: str | Unset = UNSET if self.message is None else self.message
        message = _message_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if parameter is not UNSET:
            field_dict["parameter"] = parameter
        if type_ is not UNSET:
            field_dict["type"] = type_
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "parameter",
            "type",
            "message",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        parameter = d.pop("parameter", UNSET)

        type_ = d.pop("type", UNSET)

        message = d.pop("message", UNSET)

        nova_3_warning = cls(
            parameter=None if isinstance(parameter, Unset) else parameter,
            type_=None if isinstance(type_, Unset) else type_,
            message=None if isinstance(message, Unset) else message,
        )

        nova_3_warning.additional_properties = d
        return nova_3_warning

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
