from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_intent_segment import Nova3IntentSegment


T = TypeVar("T", bound="Nova3Intents")


@_attrs_define
class Nova3Intents:
    """Intent recognition over the whole transcript, when intents (or custom_intent) is on.

    Attributes:
        segments (list[Nova3IntentSegment] | None): Per-span intents.
    """

    segments: list[Nova3IntentSegment] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _segments_held: list[Nova3IntentSegment] | Unset = (
            UNSET if self.segments is None else self.segments
        )
        segments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_segments_held, Unset):
            segments = []
            for segments_item_data in _segments_held:
                segments_item = segments_item_data.to_dict()
                segments.append(segments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if segments is not UNSET:
            field_dict["segments"] = segments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_intent_segment import Nova3IntentSegment

        d = dict(src_dict)
        for null_key in ("segments",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        _segments = d.pop("segments", UNSET)
        segments: list[Nova3IntentSegment] | Unset = UNSET
        if _segments is not UNSET:
            segments = []
            for segments_item_data in _segments:
                segments_item = Nova3IntentSegment.from_dict(segments_item_data)

                segments.append(segments_item)

        nova_3_intents = cls(
            segments=None if isinstance(segments, Unset) else segments,
        )

        nova_3_intents.additional_properties = d
        return nova_3_intents

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
