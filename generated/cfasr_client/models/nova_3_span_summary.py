from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3SpanSummary")


@_attrs_define
class Nova3SpanSummary:
    """A summary of one span of words.

    Attributes:
        summary (str | None): The summary text.
        start_word (float | None): Index of the span's first word.
        end_word (float | None): Index of the span's last word.
    """

    summary: str | None = None
    start_word: float | None = None
    end_word: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _summary_held: str | Unset = UNSET if self.summary is None else self.summary
        summary = _summary_held

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
        if summary is not UNSET:
            field_dict["summary"] = summary
        if start_word is not UNSET:
            field_dict["start_word"] = start_word
        if end_word is not UNSET:
            field_dict["end_word"] = end_word

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "summary",
            "start_word",
            "end_word",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        summary = d.pop("summary", UNSET)

        start_word = d.pop("start_word", UNSET)

        end_word = d.pop("end_word", UNSET)

        nova_3_span_summary = cls(
            summary=None if isinstance(summary, Unset) else summary,
            start_word=None if isinstance(start_word, Unset) else start_word,
            end_word=None if isinstance(end_word, Unset) else end_word,
        )

        nova_3_span_summary.additional_properties = d
        return nova_3_span_summary

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
