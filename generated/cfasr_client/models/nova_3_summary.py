from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Summary")


@_attrs_define
class Nova3Summary:
    """A summary of the transcript.

    Attributes:
        result (str | None): Whether a summary was produced.
        short (str | None): The summary text.
    """

    result: str | None = None
    short: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _result_held: str | Unset = UNSET if self.result is None else self.result
        result = _result_held

        _short_held: str | Unset = UNSET if self.short is None else self.short
        short = _short_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if result is not UNSET:
            field_dict["result"] = result
        if short is not UNSET:
            field_dict["short"] = short

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "result",
            "short",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        result = d.pop("result", UNSET)

        short = d.pop("short", UNSET)

        nova_3_summary = cls(
            result=None if isinstance(result, Unset) else result,
            short=None if isinstance(short, Unset) else short,
        )

        nova_3_summary.additional_properties = d
        return nova_3_summary

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
