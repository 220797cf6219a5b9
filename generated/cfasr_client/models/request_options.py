from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestOptions")


@_attrs_define
class RequestOptions:
    """Settings of the request rather than of the model, carried as `options` in a JSON body. Workers AI documents them for
    every model; that they act on the speech models is an inference. A raw-audio body (nova-3, or whisper's binary form)
    has nowhere to put them. Other members are passed through.

        Attributes:
            reject_if_busy (bool | Unset): Fail at once with 429 / 3040 when no capacity is free, instead of waiting in line
                for it. Default false. Not implemented by cfasr: the SDK never sends it, and the emulator checks its type but
                ignores it, since it refuses at once whenever its engine queue is full.
    """

    reject_if_busy: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reject_if_busy = self.reject_if_busy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reject_if_busy is not UNSET:
            field_dict["rejectIfBusy"] = reject_if_busy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reject_if_busy = d.pop("rejectIfBusy", UNSET)

        request_options = cls(
            reject_if_busy=reject_if_busy,
        )

        request_options.additional_properties = d
        return request_options

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
