from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3SearchHit")


@_attrs_define
class Nova3SearchHit:
    """One place where a search query was heard.

    Attributes:
        confidence (float | Unset): How well the audio matches the query
        start (float | Unset): Start time in seconds.
        end (float | Unset): End time in seconds.
        snippet (str | Unset): The transcript text around the hit.
    """

    confidence: float | Unset = UNSET
    start: float | Unset = UNSET
    end: float | Unset = UNSET
    snippet: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        start = self.start

        end = self.end

        snippet = self.snippet

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if snippet is not UNSET:
            field_dict["snippet"] = snippet

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        confidence = d.pop("confidence", UNSET)

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        snippet = d.pop("snippet", UNSET)

        nova_3_search_hit = cls(
            confidence=confidence,
            start=start,
            end=end,
            snippet=snippet,
        )

        nova_3_search_hit.additional_properties = d
        return nova_3_search_hit

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
