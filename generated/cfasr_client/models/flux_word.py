from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FluxWord")


@_attrs_define
class FluxWord:
    """One word of a turn.

    Attributes:
        word (str): The word.
        confidence (float): Confidence 0-1.
        start (float | None): Start in seconds
        end (float | None): End in seconds
    """

    word: str
    confidence: float
    start: float | None = None
    end: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        word = self.word

        confidence = self.confidence

        _start_held: float | Unset = UNSET if self.start is None else self.start
        start = _start_held

        _end_held: float | Unset = UNSET if self.end is None else self.end
        end = _end_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "word": word,
                "confidence": confidence,
            }
        )
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "start",
            "end",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        word = d.pop("word")

        confidence = d.pop("confidence")

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        flux_word = cls(
            word=word,
            confidence=confidence,
            start=None if isinstance(start, Unset) else start,
            end=None if isinstance(end, Unset) else end,
        )

        flux_word.additional_properties = d
        return flux_word

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
