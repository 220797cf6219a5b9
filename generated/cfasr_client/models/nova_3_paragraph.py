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
        sentences (list[Nova3Sentence] | None): Its sentences.
        start (float | None): Start time in seconds.
        end (float | None): End time in seconds.
        num_words (int | None): Number of words.
        speaker (int | None): Speaker index when diarize is on.
    """

    sentences: list[Nova3Sentence] | None = None
    start: float | None = None
    end: float | None = None
    num_words: int | None = None
    speaker: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _sentences_held: list[Nova3Sentence] | Unset = (
            UNSET if self.sentences is None else self.sentences
        )
        sentences: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_sentences_held, Unset):
            sentences = []
            for sentences_item_data in _sentences_held:
                sentences_item = sentences_item_data.to_dict()
                sentences.append(sentences_item)

        _start_held: float | Unset = UNSET if self.start is None else self.start
        start = _start_held

        _end_held: float | Unset = UNSET if self.end is None else self.end
        end = _end_held

        _num_words_held: int | Unset = (
            UNSET if self.num_words is None else self.num_words
        )
        num_words = _num_words_held

        _speaker_held: int | Unset = UNSET if self.speaker is None else self.speaker
        speaker = _speaker_held

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
        for null_key in (
            "sentences",
            "start",
            "end",
            "num_words",
            "speaker",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
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
            sentences=None if isinstance(sentences, Unset) else sentences,
            start=None if isinstance(start, Unset) else start,
            end=None if isinstance(end, Unset) else end,
            num_words=None if isinstance(num_words, Unset) else num_words,
            speaker=None if isinstance(speaker, Unset) else speaker,
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
