from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_topic import Nova3Topic


T = TypeVar("T", bound="Nova3TopicSegment")


@_attrs_define
class Nova3TopicSegment:
    """The topics of one span of words.

    Attributes:
        text (str | None): The span's text.
        start_word (float | None): Index of its first word.
        end_word (float | None): Index of its last word.
        topics (list[Nova3Topic] | None): Topics of the span.
    """

    text: str | None = None
    start_word: float | None = None
    end_word: float | None = None
    topics: list[Nova3Topic] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _text_held: str | Unset = UNSET if self.text is None else self.text
        text = _text_held

        _start_word_held: float | Unset = (
            UNSET if self.start_word is None else self.start_word
        )
        start_word = _start_word_held

        _end_word_held: float | Unset = (
            UNSET if self.end_word is None else self.end_word
        )
        end_word = _end_word_held

        _topics_held: list[Nova3Topic] | Unset = (
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
        if text is not UNSET:
            field_dict["text"] = text
        if start_word is not UNSET:
            field_dict["start_word"] = start_word
        if end_word is not UNSET:
            field_dict["end_word"] = end_word
        if topics is not UNSET:
            field_dict["topics"] = topics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_topic import Nova3Topic

        d = dict(src_dict)
        for null_key in (
            "text",
            "start_word",
            "end_word",
            "topics",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        text = d.pop("text", UNSET)

        start_word = d.pop("start_word", UNSET)

        end_word = d.pop("end_word", UNSET)

        _topics = d.pop("topics", UNSET)
        topics: list[Nova3Topic] | Unset = UNSET
        if _topics is not UNSET:
            topics = []
            for topics_item_data in _topics:
                topics_item = Nova3Topic.from_dict(topics_item_data)

                topics.append(topics_item)

        nova_3_topic_segment = cls(
            text=None if isinstance(text, Unset) else text,
            start_word=None if isinstance(start_word, Unset) else start_word,
            end_word=None if isinstance(end_word, Unset) else end_word,
            topics=None if isinstance(topics, Unset) else topics,
        )

        nova_3_topic_segment.additional_properties = d
        return nova_3_topic_segment

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
