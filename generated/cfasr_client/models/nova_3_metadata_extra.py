from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Nova3MetadataExtra")


@_attrs_define
class Nova3MetadataExtra:
    """The `extra` options of the request echoed back: each `key:value` becomes a member `key` with the text after the
    first colon as its value. Deepgram's docs (developers.deepgram.com/docs/extra-metadata) describe it; Deepgram's
    response schema does not list it, whether Workers AI passes it on is unverified, and the cfasr emulator does not
    echo it.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        nova_3_metadata_extra = cls()

        nova_3_metadata_extra.additional_properties = d
        return nova_3_metadata_extra

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
