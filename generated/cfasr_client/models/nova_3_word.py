from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3Word")


@_attrs_define
class Nova3Word:
    """One recognised word.

    Attributes:
        word (str | Unset): The word
        start (float | Unset): Start time in seconds.
        end (float | Unset): End time in seconds.
        confidence (float | Unset): Confidence 0-1.
        punctuated_word (str | Unset): The word with punctuation and casing
        speaker (int | Unset): Speaker index when diarize is on.
        speaker_confidence (float | Unset): Confidence of the speaker label.
        language (str | Unset): Language of the word in multilingual mode.
    """

    word: str | Unset = UNSET
    start: float | Unset = UNSET
    end: float | Unset = UNSET
    confidence: float | Unset = UNSET
    punctuated_word: str | Unset = UNSET
    speaker: int | Unset = UNSET
    speaker_confidence: float | Unset = UNSET
    language: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        word = self.word

        start = self.start

        end = self.end

        confidence = self.confidence

        punctuated_word = self.punctuated_word

        speaker = self.speaker

        speaker_confidence = self.speaker_confidence

        language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if word is not UNSET:
            field_dict["word"] = word
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if punctuated_word is not UNSET:
            field_dict["punctuated_word"] = punctuated_word
        if speaker is not UNSET:
            field_dict["speaker"] = speaker
        if speaker_confidence is not UNSET:
            field_dict["speaker_confidence"] = speaker_confidence
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        word = d.pop("word", UNSET)

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        confidence = d.pop("confidence", UNSET)

        punctuated_word = d.pop("punctuated_word", UNSET)

        speaker = d.pop("speaker", UNSET)

        speaker_confidence = d.pop("speaker_confidence", UNSET)

        language = d.pop("language", UNSET)

        nova_3_word = cls(
            word=word,
            start=start,
            end=end,
            confidence=confidence,
            punctuated_word=punctuated_word,
            speaker=speaker,
            speaker_confidence=speaker_confidence,
            language=language,
        )

        nova_3_word.additional_properties = d
        return nova_3_word

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
