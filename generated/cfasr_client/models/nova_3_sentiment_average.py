from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3SentimentAverage")


@_attrs_define
class Nova3SentimentAverage:
    """Sentiment of the whole transcript.

    Attributes:
        sentiment (str | None): positive
        sentiment_score (float | None): Score from -1 to 1.
    """

    sentiment: str | None = None
    sentiment_score: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _sentiment_held: str | Unset = (
            UNSET if self.sentiment is None else self.sentiment
        )
        sentiment = _sentiment_held

        _sentiment_score_held: float | Unset = (
            UNSET if self.sentiment_score is None else self.sentiment_score
        )
        sentiment_score = _sentiment_score_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment
        if sentiment_score is not UNSET:
            field_dict["sentiment_score"] = sentiment_score

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "sentiment",
            "sentiment_score",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        sentiment = d.pop("sentiment", UNSET)

        sentiment_score = d.pop("sentiment_score", UNSET)

        nova_3_sentiment_average = cls(
            sentiment=None if isinstance(sentiment, Unset) else sentiment,
            sentiment_score=None
            if isinstance(sentiment_score, Unset)
            else sentiment_score,
        )

        nova_3_sentiment_average.additional_properties = d
        return nova_3_sentiment_average

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
