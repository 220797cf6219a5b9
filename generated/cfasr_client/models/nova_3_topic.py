from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Topic")


@_attrs_define
class Nova3Topic:
    """One topic and how sure the model is of it.

    Attributes:
        topic (str | None): The topic.
        confidence_score (float | None): Confidence 0-1.
        confidence (float | None): Confidence 0-1 (the name in older outputs).
    """

    topic: str | None = None
    confidence_score: float | None = None
    confidence: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _topic_held: str | Unset = UNSET if self.topic is None else self.topic
        topic = _topic_held

        _confidence_score_held: float | Unset = (
            UNSET if self.confidence_score is None else self.confidence_score
        )
        confidence_score = _confidence_score_held

        _confidence_held: float | Unset = (
            UNSET if self.confidence is None else self.confidence
        )
        confidence = _confidence_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if topic is not UNSET:
            field_dict["topic"] = topic
        if confidence_score is not UNSET:
            field_dict["confidence_score"] = confidence_score
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "topic",
            "confidence_score",
            "confidence",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        topic = d.pop("topic", UNSET)

        confidence_score = d.pop("confidence_score", UNSET)

        confidence = d.pop("confidence", UNSET)

        nova_3_topic = cls(
            topic=None if isinstance(topic, Unset) else topic,
            confidence_score=None
            if isinstance(confidence_score, Unset)
            else confidence_score,
            confidence=None if isinstance(confidence, Unset) else confidence,
        )

        nova_3_topic.additional_properties = d
        return nova_3_topic

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
