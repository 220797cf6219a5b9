from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Entity")


@_attrs_define
class Nova3Entity:
    """One entity (a name, number, place...) found in the transcript. Word indexes count from the start of the
    alternative's `words`.

        Attributes:
            label (str | Unset): Kind of entity, such as NAME or PHONE_NUMBER.
            value (str | Unset): The entity as formatted in the transcript.
            raw_value (str | Unset): The entity as spoken.
            confidence (float | Unset): Confidence 0-1.
            start_word (float | Unset): Index of its first word.
            end_word (float | Unset): Index of the word where it ends.
    """

    label: str | Unset = UNSET
    value: str | Unset = UNSET
    raw_value: str | Unset = UNSET
    confidence: float | Unset = UNSET
    start_word: float | Unset = UNSET
    end_word: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        value = self.value

        raw_value = self.raw_value

        confidence = self.confidence

        start_word = self.start_word

        end_word = self.end_word

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if value is not UNSET:
            field_dict["value"] = value
        if raw_value is not UNSET:
            field_dict["raw_value"] = raw_value
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if start_word is not UNSET:
            field_dict["start_word"] = start_word
        if end_word is not UNSET:
            field_dict["end_word"] = end_word

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        label = d.pop("label", UNSET)

        value = d.pop("value", UNSET)

        raw_value = d.pop("raw_value", UNSET)

        confidence = d.pop("confidence", UNSET)

        start_word = d.pop("start_word", UNSET)

        end_word = d.pop("end_word", UNSET)

        nova_3_entity = cls(
            label=label,
            value=value,
            raw_value=raw_value,
            confidence=confidence,
            start_word=start_word,
            end_word=end_word,
        )

        nova_3_entity.additional_properties = d
        return nova_3_entity

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
