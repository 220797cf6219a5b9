from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.request_options import RequestOptions


T = TypeVar("T", bound="WhisperBatchItem")


@_attrs_define
class WhisperBatchItem:
    """One input of a whisper batch, optionally with your reference for it.

    Attributes:
        audio (list[int]): The audio file's bytes, each an integer 0-255.
        options (RequestOptions | Unset): Settings of the request rather than of the model, carried as `options` in a
            JSON body. Workers AI documents them for every model; that they act on the speech models is an inference. A raw-
            audio body (nova-3, or whisper's binary form) has nowhere to put them. Other members are passed through.
        external_reference (str | Unset): Your own id for this item, returned with its response so results can be
            matched to inputs.
    """

    audio: list[int]
    options: RequestOptions | Unset = UNSET
    external_reference: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audio = self.audio

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        external_reference = self.external_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audio": audio,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if external_reference is not UNSET:
            field_dict["external_reference"] = external_reference

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.request_options import RequestOptions

        d = dict(src_dict)
        audio = cast(list[int], d.pop("audio"))

        _options = d.pop("options", UNSET)
        options: RequestOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = RequestOptions.from_dict(_options)

        external_reference = d.pop("external_reference", UNSET)

        whisper_batch_item = cls(
            audio=audio,
            options=options,
            external_reference=external_reference,
        )

        whisper_batch_item.additional_properties = d
        return whisper_batch_item

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
