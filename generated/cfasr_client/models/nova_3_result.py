from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_metadata import Nova3Metadata
    from ..models.nova_3_results import Nova3Results


T = TypeVar("T", bound="Nova3Result")


@_attrs_define
class Nova3Result:
    """The output of @cf/deepgram/nova-3 (Deepgram's pre-recorded response). Deepgram's schema requires `metadata` too; it
    is optional here because a third-party capture of Cloudflare's answer has none, and Cloudflare omits parts of it
    (see Nova3Metadata).

        Attributes:
            results (Nova3Results): The transcription results of a pre-recorded request.
            metadata (Nova3Metadata | None): Deepgram's request metadata. Cloudflare has been seen to omit parts of it, such
                as duration.
    """

    results: Nova3Results
    metadata: Nova3Metadata | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        results = self.results.to_dict()

        _metadata_held: Nova3Metadata | Unset = (
            UNSET if self.metadata is None else self.metadata
        )
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(_metadata_held, Unset):
            metadata = _metadata_held.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "results": results,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_metadata import Nova3Metadata
        from ..models.nova_3_results import Nova3Results

        d = dict(src_dict)
        for null_key in ("metadata",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        results = Nova3Results.from_dict(d.pop("results"))

        _metadata = d.pop("metadata", UNSET)
        metadata: Nova3Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Nova3Metadata.from_dict(_metadata)

        nova_3_result = cls(
            results=results,
            metadata=None if isinstance(metadata, Unset) else metadata,
        )

        nova_3_result.additional_properties = d
        return nova_3_result

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
