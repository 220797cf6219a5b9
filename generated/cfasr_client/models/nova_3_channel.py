from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_alternative import Nova3Alternative
    from ..models.nova_3_search import Nova3Search


T = TypeVar("T", bound="Nova3Channel")


@_attrs_define
class Nova3Channel:
    """Results for one audio channel.

    Attributes:
        alternatives (list[Nova3Alternative] | None): Hypotheses, best first.
        detected_language (str | None): Detected language when detect_language is on.
        language_confidence (float | None): Confidence of the detected language.
        search (list[Nova3Search] | None): One entry per `search` term, with its hits in this channel.
    """

    alternatives: list[Nova3Alternative] | None = None
    detected_language: str | None = None
    language_confidence: float | None = None
    search: list[Nova3Search] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _alternatives_held: list[Nova3Alternative] | Unset = (
            UNSET if self.alternatives is None else self.alternatives
        )
        alternatives: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_alternatives_held, Unset):
            alternatives = []
            for alternatives_item_data in _alternatives_held:
                alternatives_item = alternatives_item_data.to_dict()
                alternatives.append(alternatives_item)

        _detected_language_held: str | Unset = (
            UNSET if self.detected_language is None else self.detected_language
        )
        detected_language = _detected_language_held

        _language_confidence_held: float | Unset = (
            UNSET if self.language_confidence is None else self.language_confidence
        )
        language_confidence = _language_confidence_held

        _search_held: list[Nova3Search] | Unset = (
            UNSET if self.search is None else self.search
        )
        search: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_search_held, Unset):
            search = []
            for search_item_data in _search_held:
                search_item = search_item_data.to_dict()
                search.append(search_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if alternatives is not UNSET:
            field_dict["alternatives"] = alternatives
        if detected_language is not UNSET:
            field_dict["detected_language"] = detected_language
        if language_confidence is not UNSET:
            field_dict["language_confidence"] = language_confidence
        if search is not UNSET:
            field_dict["search"] = search

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_alternative import Nova3Alternative
        from ..models.nova_3_search import Nova3Search

        d = dict(src_dict)
        for null_key in (
            "alternatives",
            "detected_language",
            "language_confidence",
            "search",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        _alternatives = d.pop("alternatives", UNSET)
        alternatives: list[Nova3Alternative] | Unset = UNSET
        if _alternatives is not UNSET:
            alternatives = []
            for alternatives_item_data in _alternatives:
                alternatives_item = Nova3Alternative.from_dict(alternatives_item_data)

                alternatives.append(alternatives_item)

        detected_language = d.pop("detected_language", UNSET)

        language_confidence = d.pop("language_confidence", UNSET)

        _search = d.pop("search", UNSET)
        search: list[Nova3Search] | Unset = UNSET
        if _search is not UNSET:
            search = []
            for search_item_data in _search:
                search_item = Nova3Search.from_dict(search_item_data)

                search.append(search_item)

        nova_3_channel = cls(
            alternatives=None if isinstance(alternatives, Unset) else alternatives,
            detected_language=None
            if isinstance(detected_language, Unset)
            else detected_language,
            language_confidence=None
            if isinstance(language_confidence, Unset)
            else language_confidence,
            search=None if isinstance(search, Unset) else search,
        )

        nova_3_channel.additional_properties = d
        return nova_3_channel

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
