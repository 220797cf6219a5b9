from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_sentence import Nova3Sentence


T = TypeVar("T", bound="Nova3Paragraph")


@_attrs_define
class Nova3Paragraph:
    """One paragraph.

    Attributes:
        sentences (list[Nova3Sentence] | Unset): Its sentences.
        start (float | Unset): Start time in seconds.
        end (float | Unset): End time in seconds.
        num_words (int | Unset): Number of words.
        speaker (int | Unset): Speaker index when diarize is on.
    """

    sentences: list[Nova3Sentence] | Unset = UNSET
    start: float | Unset = UNSET
    end: float | Unset = UNSET
    num_words: int | Unset = UNSET
    speaker: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sentences: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sentences, Unset):
            sentences = []
            for sentences_item_data in self.sentences:
                sentences_item = sentences_item_data.to_dict()
                sentences.append(sentences_item)

        start = self.start

        end = self.end

        num_words = self.num_words

        speaker = self.speaker

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sentences is not UNSET:
            field_dict["sentences"] = sentences
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if num_words is not UNSET:
            field_dict["num_words"] = num_words
        if speaker is not UNSET:
            field_dict["speaker"] = speaker

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_sentence import Nova3Sentence

        d = dict(src_dict)
        _sentences = d.pop("sentences", UNSET)
        sentences: list[Nova3Sentence] | Unset = UNSET
        if _sentences is not UNSET:
            sentences = []
            for sentences_item_data in _sentences:
                sentences_item = Nova3Sentence.from_dict(sentences_item_data)

                sentences.append(sentences_item)

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        num_words = d.pop("num_words", UNSET)

        speaker = d.pop("speaker", UNSET)

        nova_3_paragraph = cls(
            sentences=sentences,
            start=start,
            end=end,
            num_words=num_words,
            speaker=speaker,
        )

        nova_3_paragraph.additional_properties = d
        return nova_3_paragraph

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
