from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Nova3BatchAudio")


@_attrs_define
class Nova3BatchAudio:
    """The audio of one nova-3 batch item, in the form of Cloudflare's nova-3 input schema. Unverified: the same object is
    refused in a plain (non-batch) REST request.

        Attributes:
            body (str): The audio file, base64-encoded.
            content_type (str): The audio's MIME type, such as `audio/wav`.
    """

    body: str
    content_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        content_type = self.content_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "contentType": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        body = d.pop("body")

        content_type = d.pop("contentType")

        nova_3_batch_audio = cls(
            body=body,
            content_type=content_type,
        )

        nova_3_batch_audio.additional_properties = d
        return nova_3_batch_audio

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
