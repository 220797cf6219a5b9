from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3SentimentSegment")


@_attrs_define
class Nova3SentimentSegment:
    """Sentiment of one span of words.

    Attributes:
        text (str | Unset): The span's text.
        start_word (float | Unset): Index of its first word.
        end_word (float | Unset): Index of its last word.
        sentiment (str | Unset): positive
        sentiment_score (float | Unset): Score from -1 to 1.
    """

    text: str | Unset = UNSET
    start_word: float | Unset = UNSET
    end_word: float | Unset = UNSET
    sentiment: str | Unset = UNSET
    sentiment_score: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        start_word = self.start_word

        end_word = self.end_word

        sentiment = self.sentiment

        sentiment_score = self.sentiment_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if start_word is not UNSET:
            field_dict["start_word"] = start_word
        if end_word is not UNSET:
            field_dict["end_word"] = end_word
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment
        if sentiment_score is not UNSET:
            field_dict["sentiment_score"] = sentiment_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        text = d.pop("text", UNSET)

        start_word = d.pop("start_word", UNSET)

        end_word = d.pop("end_word", UNSET)

        sentiment = d.pop("sentiment", UNSET)

        sentiment_score = d.pop("sentiment_score", UNSET)

        nova_3_sentiment_segment = cls(
            text=text,
            start_word=start_word,
            end_word=end_word,
            sentiment=sentiment,
            sentiment_score=sentiment_score,
        )

        nova_3_sentiment_segment.additional_properties = d
        return nova_3_sentiment_segment

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
