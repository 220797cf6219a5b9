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
        transcript (str | None): The transcript.
        confidence (float | None): Confidence 0-1.
        words (list[Nova3Word] | None): Its words.
        paragraphs (Nova3Paragraphs | None): Paragraph segmentation of an alternative.
        languages (list[str] | None): Languages heard, in multilingual mode.
        entities (list[Nova3Entity] | None): Entities found in this hypothesis, when detect_entities is on.
        summaries (list[Nova3SpanSummary] | None): Summaries of spans of this hypothesis (Deepgram's older summarisation
            output).
        topics (list[Nova3TopicSegment] | None): Topics of spans of this hypothesis (Deepgram's older topic output).
    """

    transcript: str | None = None
    confidence: float | None = None
    words: list[Nova3Word] | None = None
    paragraphs: Nova3Paragraphs | None = None
    languages: list[str] | None = None
    entities: list[Nova3Entity] | None = None
    summaries: list[Nova3SpanSummary] | None = None
    topics: list[Nova3TopicSegment] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _transcript_held: str | Unset = (
            UNSET if self.transcript is None else self.transcript
        )
        transcript = _transcript_held

        _confidence_held: float | Unset = (
            UNSET if self.confidence is None else self.confidence
        )
        confidence = _confidence_held

        _words_held: list[Nova3Word] | Unset = (
            UNSET if self.words is None else self.words
        )
        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_words_held, Unset):
            words = []
            for words_item_data in _words_held:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        _paragraphs_held: Nova3Paragraphs | Unset = (
            UNSET if self.paragraphs is None else self.paragraphs
        )
        paragraphs: dict[str, Any] | Unset = UNSET
        if not isinstance(_paragraphs_held, Unset):
            paragraphs = _paragraphs_held.to_dict()

        _languages_held: list[str] | Unset = (
            UNSET if self.languages is None else self.languages
        )
        languages: list[str] | Unset = UNSET
        if not isinstance(_languages_held, Unset):
            languages = _languages_held

        _entities_held: list[Nova3Entity] | Unset = (
            UNSET if self.entities is None else self.entities
        )
        entities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_entities_held, Unset):
            entities = []
            for entities_item_data in _entities_held:
                entities_item = entities_item_data.to_dict()
                entities.append(entities_item)

        _summaries_held: list[Nova3SpanSummary] | Unset = (
            UNSET if self.summaries is None else self.summaries
        )
        summaries: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_summaries_held, Unset):
            summaries = []
            for summaries_item_data in _summaries_held:
                summaries_item = summaries_item_data.to_dict()
                summaries.append(summaries_item)

        _topics_held: list[Nova3TopicSegment] | Unset = (
            UNSET if self.topics is None else self.topics
        )
        topics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_topics_held, Unset):
            topics = []
            for topics_item_data in _topics_held:
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
        for null_key in (
            "transcript",
            "confidence",
            "words",
            "paragraphs",
            "languages",
            "entities",
            "summaries",
            "topics",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
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
            transcript=None if isinstance(transcript, Unset) else transcript,
            confidence=None if isinstance(confidence, Unset) else confidence,
            words=None if isinstance(words, Unset) else words,
            paragraphs=None if isinstance(paragraphs, Unset) else paragraphs,
            languages=None if isinstance(languages, Unset) else languages,
            entities=None if isinstance(entities, Unset) else entities,
            summaries=None if isinstance(summaries, Unset) else summaries,
            topics=None if isinstance(topics, Unset) else topics,
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
