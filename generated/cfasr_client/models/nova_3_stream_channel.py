from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.nova_3_stream_alternative import Nova3StreamAlternative


T = TypeVar("T", bound="Nova3StreamChannel")


@_attrs_define
class Nova3StreamChannel:
    """The channel a streaming result belongs to.

    Attributes:
        alternatives (list[Nova3StreamAlternative]): Hypotheses, best first.
    """

    alternatives: list[Nova3StreamAlternative]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alternatives = []
        for alternatives_item_data in self.alternatives:
            alternatives_item = alternatives_item_data.to_dict()
            alternatives.append(alternatives_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alternatives": alternatives,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_stream_alternative import Nova3StreamAlternative

        d = dict(src_dict)
        alternatives = []
        _alternatives = d.pop("alternatives")
        for alternatives_item_data in _alternatives:
            alternatives_item = Nova3StreamAlternative.from_dict(alternatives_item_data)

            alternatives.append(alternatives_item)

        nova_3_stream_channel = cls(
            alternatives=alternatives,
        )

        nova_3_stream_channel.additional_properties = d
        return nova_3_stream_channel

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
