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
            label (str | None): Kind of entity, such as NAME or PHONE_NUMBER.
            value (str | None): The entity as formatted in the transcript.
            raw_value (str | None): The entity as spoken.
            confidence (float | None): Confidence 0-1.
            start_word (float | None): Index of its first word.
            end_word (float | None): Index of the word where it ends.
    """

    label: str | None = None
    value: str | None = None
    raw_value: str | None = None
    confidence: float | None = None
    start_word: float | None = None
    end_word: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _label_held: str | Unset = UNSET if self.label is None else self.label
        label = _label_held

        _value_held: str | Unset = UNSET if self.value is None else self.value
        value = _value_held

        _raw_value_held: str | Unset = (
            UNSET if self.raw_value is None else self.raw_value
        )
        raw_value = _raw_value_held

        _confidence_held: float | Unset = (
            UNSET if self.confidence is None else self.confidence
        )
        confidence = _confidence_held

        _start_word_held: float | Unset = (
            UNSET if self.start_word is None else self.start_word
        )
        start_word = _start_word_held

        _end_word_held: float | Unset = (
            UNSET if self.end_word is None else self.end_word
        )
        end_word = _end_word_held

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
        for null_key in (
            "label",
            "value",
            "raw_value",
            "confidence",
            "start_word",
            "end_word",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        label = d.pop("label", UNSET)

        value = d.pop("value", UNSET)

        raw_value = d.pop("raw_value", UNSET)

        confidence = d.pop("confidence", UNSET)

        start_word = d.pop("start_word", UNSET)

        end_word = d.pop("end_word", UNSET)

        nova_3_entity = cls(
            label=None if isinstance(label, Unset) else label,
            value=None if isinstance(value, Unset) else value,
            raw_value=None if isinstance(raw_value, Unset) else raw_value,
            confidence=None if isinstance(confidence, Unset) else confidence,
            start_word=None if isinstance(start_word, Unset) else start_word,
            end_word=None if isinstance(end_word, Unset) else end_word,
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
