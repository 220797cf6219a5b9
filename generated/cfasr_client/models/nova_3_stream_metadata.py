from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_model_info import Nova3ModelInfo


T = TypeVar("T", bound="Nova3StreamMetadata")


@_attrs_define
class Nova3StreamMetadata:
    """Model details attached to each streaming result.

    Attributes:
        request_id (str | None): Session request id.
        model_info (Nova3ModelInfo | None): Name and version of a model that served the request.
        model_uuid (str | None): Model id.
    """

    request_id: str | None = None
    model_info: Nova3ModelInfo | None = None
    model_uuid: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _request_id_held: str | Unset = (
            UNSET if self.request_id is None else self.request_id
        )
        request_id = _request_id_held

        _model_info_held: Nova3ModelInfo | Unset = (
            UNSET if self.model_info is None else self.model_info
        )
        model_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_model_info_held, Unset):
            model_info = _model_info_held.to_dict()

        _model_uuid_held: str | Unset = (
            UNSET if self.model_uuid is None else self.model_uuid
        )
        model_uuid = _model_uuid_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if model_info is not UNSET:
            field_dict["model_info"] = model_info
        if model_uuid is not UNSET:
            field_dict["model_uuid"] = model_uuid

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_model_info import Nova3ModelInfo

        d = dict(src_dict)
        for null_key in (
            "request_id",
            "model_info",
            "model_uuid",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        request_id = d.pop("request_id", UNSET)

        _model_info = d.pop("model_info", UNSET)
        model_info: Nova3ModelInfo | Unset
        if isinstance(_model_info, Unset):
            model_info = UNSET
        else:
            model_info = Nova3ModelInfo.from_dict(_model_info)

        model_uuid = d.pop("model_uuid", UNSET)

        nova_3_stream_metadata = cls(
            request_id=None if isinstance(request_id, Unset) else request_id,
            model_info=None if isinstance(model_info, Unset) else model_info,
            model_uuid=None if isinstance(model_uuid, Unset) else model_uuid,
        )

        nova_3_stream_metadata.additional_properties = d
        return nova_3_stream_metadata

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
