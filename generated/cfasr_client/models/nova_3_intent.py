from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Intent")


@_attrs_define
class Nova3Intent:
    """One intent and how sure the model is of it.

    Attributes:
        intent (str | None): The intent.
        confidence_score (float | None): Confidence 0-1.
    """

    intent: str | None = None
    confidence_score: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _intent_held: str | Unset = UNSET if self.intent is None else self.intent
        intent = _intent_held

        _confidence_score_held: float | Unset = (
            UNSET if self.confidence_score is None else self.confidence_score
        )
        confidence_score = _confidence_score_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if intent is not UNSET:
            field_dict["intent"] = intent
        if confidence_score is not UNSET:
            field_dict["confidence_score"] = confidence_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "intent",
            "confidence_score",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        intent = d.pop("intent", UNSET)

        confidence_score = d.pop("confidence_score", UNSET)

        nova_3_intent = cls(
            intent=None if isinstance(intent, Unset) else intent,
            confidence_score=None
            if isinstance(confidence_score, Unset)
            else confidence_score,
        )

        nova_3_intent.additional_properties = d
        return nova_3_intent

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
