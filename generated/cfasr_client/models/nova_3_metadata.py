from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_metadata_model_info import Nova3MetadataModelInfo
    from ..models.nova_3_warning import Nova3Warning


T = TypeVar("T", bound="Nova3Metadata")


@_attrs_define
class Nova3Metadata:
    """Deepgram's request metadata. Cloudflare has been seen to omit parts of it, such as duration.

    Attributes:
        transaction_key (str | Unset): Deprecated.
        request_id (str | Unset): Request id.
        sha256 (str | Unset): SHA-256 of the audio.
        created (str | Unset): ISO 8601 time the request was received.
        duration (float | Unset): Length of the audio in seconds.
        channels (int | Unset): Number of channels.
        models (list[str] | Unset): Ids of the models used.
        model_info (Nova3MetadataModelInfo | Unset): Model details, keyed by model id.
        warnings (list[Nova3Warning] | Unset): Options accepted but not applied.
    """

    transaction_key: str | Unset = UNSET
    request_id: str | Unset = UNSET
    sha256: str | Unset = UNSET
    created: str | Unset = UNSET
    duration: float | Unset = UNSET
    channels: int | Unset = UNSET
    models: list[str] | Unset = UNSET
    model_info: Nova3MetadataModelInfo | Unset = UNSET
    warnings: list[Nova3Warning] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transaction_key = self.transaction_key

        request_id = self.request_id

        sha256 = self.sha256

        created = self.created

        duration = self.duration

        channels = self.channels

        models: list[str] | Unset = UNSET
        if not isinstance(self.models, Unset):
            models = self.models

        model_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.model_info, Unset):
            model_info = self.model_info.to_dict()

        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if transaction_key is not UNSET:
            field_dict["transaction_key"] = transaction_key
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256
        if created is not UNSET:
            field_dict["created"] = created
        if duration is not UNSET:
            field_dict["duration"] = duration
        if channels is not UNSET:
            field_dict["channels"] = channels
        if models is not UNSET:
            field_dict["models"] = models
        if model_info is not UNSET:
            field_dict["model_info"] = model_info
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_metadata_model_info import Nova3MetadataModelInfo
        from ..models.nova_3_warning import Nova3Warning

        d = dict(src_dict)
        transaction_key = d.pop("transaction_key", UNSET)

        request_id = d.pop("request_id", UNSET)

        sha256 = d.pop("sha256", UNSET)

        created = d.pop("created", UNSET)

        duration = d.pop("duration", UNSET)

        channels = d.pop("channels", UNSET)

        models = cast(list[str], d.pop("models", UNSET))

        _model_info = d.pop("model_info", UNSET)
        model_info: Nova3MetadataModelInfo | Unset
        if isinstance(_model_info, Unset):
            model_info = UNSET
        else:
            model_info = Nova3MetadataModelInfo.from_dict(_model_info)

        _warnings = d.pop("warnings", UNSET)
        warnings: list[Nova3Warning] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = Nova3Warning.from_dict(warnings_item_data)

                warnings.append(warnings_item)

        nova_3_metadata = cls(
            transaction_key=transaction_key,
            request_id=request_id,
            sha256=sha256,
            created=created,
            duration=duration,
            channels=channels,
            models=models,
            model_info=model_info,
            warnings=warnings,
        )

        nova_3_metadata.additional_properties = d
        return nova_3_metadata

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
