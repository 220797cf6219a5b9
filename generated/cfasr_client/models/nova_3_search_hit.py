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
        confidence (float | None): How well the audio matches the query
        start (float | None): Start time in seconds.
        end (float | None): End time in seconds.
        snippet (str | None): The transcript text around the hit.
    """

    confidence: float | None = None
    start: float | None = None
    end: float | None = None
    snippet: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _confidence_held: float | Unset = (
            UNSET if self.confidence is None else self.confidence
        )
        confidence = _confidence_held

        _start_held: float | Unset = UNSET if self.start is None else self.start
        start = _start_held

        _end_held: float | Unset = UNSET if self.end is None else self.end
        end = _end_held

        _snippet_held: str | Unset = UNSET if self.snippet is None else self.snippet
        snippet = _snippet_held

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
        for null_key in (
            "confidence",
            "start",
            "end",
            "snippet",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        confidence = d.pop("confidence", UNSET)

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        snippet = d.pop("snippet", UNSET)

        nova_3_search_hit = cls(
            confidence=None if isinstance(confidence, Unset) else confidence,
            start=None if isinstance(start, Unset) else start,
            end=None if isinstance(end, Unset) else end,
            snippet=None if isinstance(snippet, Unset) else snippet,
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
