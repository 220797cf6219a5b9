from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_paragraphs import Nova3Paragraphs
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
    """

    transcript: str | Unset = UNSET
    confidence: float | Unset = UNSET
    words: list[Nova3Word] | Unset = UNSET
    paragraphs: Nova3Paragraphs | Unset = UNSET
    languages: list[str] | Unset = UNSET
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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_paragraphs import Nova3Paragraphs
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

        nova_3_alternative = cls(
            transcript=transcript,
            confidence=confidence,
            words=words,
            paragraphs=paragraphs,
            languages=languages,
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
