from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_batch_audio import Nova3BatchAudio
    from ..models.request_options import RequestOptions


T = TypeVar("T", bound="Nova3BatchItem")


@_attrs_define
class Nova3BatchItem:
    """One input of a nova-3 batch. The Deepgram options of the query string may be given as members of the same names,
    with JSON values (booleans as `true`/`false`, repeatable options as arrays); they are passed on unchecked.

        Attributes:
            audio (Nova3BatchAudio): The audio of one nova-3 batch item, in the form of Cloudflare's nova-3 input schema.
                Unverified: the same object is refused in a plain (non-batch) REST request.
            external_reference (str | Unset): Your own id for this item, returned with its response.
            options (RequestOptions | Unset): Settings of the request rather than of the model, carried as `options` in a
                JSON body. Workers AI documents them for every model; that they act on the speech models is an inference. A raw-
                audio body (nova-3, or whisper's binary form) has nowhere to put them. Other members are passed through.
    """

    audio: Nova3BatchAudio
    external_reference: str | Unset = UNSET
    options: RequestOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audio = self.audio.to_dict()

        external_reference = self.external_reference

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audio": audio,
            }
        )
        if external_reference is not UNSET:
            field_dict["external_reference"] = external_reference
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_batch_audio import Nova3BatchAudio
        from ..models.request_options import RequestOptions

        d = dict(src_dict)
        audio = Nova3BatchAudio.from_dict(d.pop("audio"))

        external_reference = d.pop("external_reference", UNSET)

        _options = d.pop("options", UNSET)
        options: RequestOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = RequestOptions.from_dict(_options)

        nova_3_batch_item = cls(
            audio=audio,
            external_reference=external_reference,
            options=options,
        )

        nova_3_batch_item.additional_properties = d
        return nova_3_batch_item

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
