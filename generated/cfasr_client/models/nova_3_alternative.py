from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_entity import Nova3Entity
    from ..models.nova_3_paragraphs import Nova3Paragraphs
    from ..models.nova_3_span_summary import Nova3SpanSummary
    from ..models.nova_3_topic_segment import Nova3TopicSegment
    from ..models.nova_3_word import Nova3Word


T = TypeVar("T", bound="Nova3Alternative")


@_attrs_define
class Nova3Alternative:
    """One transcription hypothesis of a channel.

    Attributes:
        transcript (str | Unset): The transcript.
        confidence (float | Unset): Confidence 0-1.
        words (list[Nova3Word] | Unset): Its words.
        paragraphs (Nova3Paragraphs | Unset): Paragraph segmentation of an alternative.
        languages (list[str] | Unset): Languages heard, in multilingual mode.
        entities (list[Nova3Entity] | Unset): Entities found in this hypothesis, when detect_entities is on.
        summaries (list[Nova3SpanSummary] | Unset): Summaries of spans of this hypothesis (Deepgram's older
            summarisation output).
        topics (list[Nova3TopicSegment] | Unset): Topics of spans of this hypothesis (Deepgram's older topic output).
    """

    transcript: str | Unset = UNSET
    confidence: float | Unset = UNSET
    words: list[Nova3Word] | Unset = UNSET
    paragraphs: Nova3Paragraphs | Unset = UNSET
    languages: list[str] | Unset = UNSET
    entities: list[Nova3Entity] | Unset = UNSET
    summaries: list[Nova3SpanSummary] | Unset = UNSET
    topics: list[Nova3TopicSegment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transcript = self.transcript

        confidence = self.confidence

        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words, Unset):
            words = []
            for words_item_data in self.words:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        paragraphs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paragraphs, Unset):
            paragraphs = self.paragraphs.to_dict()

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        entities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.entities, Unset):
            entities = []
            for entities_item_data in self.entities:
                entities_item = entities_item_data.to_dict()
                entities.append(entities_item)

        summaries: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.summaries, Unset):
            summaries = []
            for summaries_item_data in self.summaries:
                summaries_item = summaries_item_data.to_dict()
                summaries.append(summaries_item)

        topics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.topics, Unset):
            topics = []
            for topics_item_data in self.topics:
                topics_item = topics_item_data.to_dict()
                topics.append(topics_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if transcript is not UNSET:
            field_dict["transcript"] = transcript
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if words is not UNSET:
            field_dict["words"] = words
        if paragraphs is not UNSET:
            field_dict["paragraphs"] = paragraphs
        if languages is not UNSET:
            field_dict["languages"] = languages
        if entities is not UNSET:
            field_dict["entities"] = entities
        if summaries is not UNSET:
            field_dict["summaries"] = summaries
        if topics is not UNSET:
            field_dict["topics"] = topics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_entity import Nova3Entity
        from ..models.nova_3_paragraphs import Nova3Paragraphs
        from ..models.nova_3_span_summary import Nova3SpanSummary
        from ..models.nova_3_topic_segment import Nova3TopicSegment
        from ..models.nova_3_word import Nova3Word

        d = dict(src_dict)
        transcript = d.pop("transcript", UNSET)

        confidence = d.pop("confidence", UNSET)

        _words = d.pop("words", UNSET)
        words: list[Nova3Word] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = Nova3Word.from_dict(words_item_data)

                words.append(words_item)

        _paragraphs = d.pop("paragraphs", UNSET)
        paragraphs: Nova3Paragraphs | Unset
        if isinstance(_paragraphs, Unset):
            paragraphs = UNSET
        else:
            paragraphs = Nova3Paragraphs.from_dict(_paragraphs)

        languages = cast(list[str], d.pop("languages", UNSET))

        _entities = d.pop("entities", UNSET)
        entities: list[Nova3Entity] | Unset = UNSET
        if _entities is not UNSET:
            entities = []
            for entities_item_data in _entities:
                entities_item = Nova3Entity.from_dict(entities_item_data)

                entities.append(entities_item)

        _summaries = d.pop("summaries", UNSET)
        summaries: list[Nova3SpanSummary] | Unset = UNSET
        if _summaries is not UNSET:
            summaries = []
            for summaries_item_data in _summaries:
                summaries_item = Nova3SpanSummary.from_dict(summaries_item_data)

                summaries.append(summaries_item)

        _topics = d.pop("topics", UNSET)
        topics: list[Nova3TopicSegment] | Unset = UNSET
        if _topics is not UNSET:
            topics = []
            for topics_item_data in _topics:
                topics_item = Nova3TopicSegment.from_dict(topics_item_data)

                topics.append(topics_item)

        nova_3_alternative = cls(
            transcript=transcript,
            confidence=confidence,
            words=words,
            paragraphs=paragraphs,
            languages=languages,
            entities=entities,
            summaries=summaries,
            topics=topics,
        )

        nova_3_alternative.additional_properties = d
        return nova_3_alternative

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
