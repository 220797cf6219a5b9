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
        word (str | None): The word
        start (float | None): Start time in seconds.
        end (float | None): End time in seconds.
        confidence (float | None): Confidence 0-1.
        punctuated_word (str | None): The word with punctuation and casing
        speaker (int | None): Speaker index when diarize is on.
        speaker_confidence (float | None): Confidence of the speaker label.
        language (str | None): Language of the word in multilingual mode.
    """

    word: str | None = None
    start: float | None = None
    end: float | None = None
    confidence: float | None = None
    punctuated_word: str | None = None
    speaker: int | None = None
    speaker_confidence: float | None = None
    language: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _word_held: str | Unset = UNSET if self.word is None else self.word
        word = _word_held

        _start_held: float | Unset = UNSET if self.start is None else self.start
        start = _start_held

        _end_held: float | Unset = UNSET if self.end is None else self.end
        end = _end_held

        _confidence_held: float | Unset = (
            UNSET if self.confidence is None else self.confidence
        )
        confidence = _confidence_held

        _punctuated_word_held: str | Unset = (
            UNSET if self.punctuated_word is None else self.punctuated_word
        )
        punctuated_word = _punctuated_word_held

        _speaker_held: int | Unset = UNSET if self.speaker is None else self.speaker
        speaker = _speaker_held

        _speaker_confidence_held: float | Unset = (
            UNSET if self.speaker_confidence is None else self.speaker_confidence
        )
        speaker_confidence = _speaker_confidence_held

        _language_held: str | Unset = UNSET if self.language is None else self.language
        language = _language_held

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
        for null_key in (
            "word",
            "start",
            "end",
            "confidence",
            "punctuated_word",
            "speaker",
            "speaker_confidence",
            "language",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        word = d.pop("word", UNSET)

        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        confidence = d.pop("confidence", UNSET)

        punctuated_word = d.pop("punctuated_word", UNSET)

        speaker = d.pop("speaker", UNSET)

        speaker_confidence = d.pop("speaker_confidence", UNSET)

        language = d.pop("language", UNSET)

        nova_3_word = cls(
            word=None if isinstance(word, Unset) else word,
            start=None if isinstance(start, Unset) else start,
            end=None if isinstance(end, Unset) else end,
            confidence=None if isinstance(confidence, Unset) else confidence,
            punctuated_word=None
            if isinstance(punctuated_word, Unset)
            else punctuated_word,
            speaker=None if isinstance(speaker, Unset) else speaker,
            speaker_confidence=None
            if isinstance(speaker_confidence, Unset)
            else speaker_confidence,
            language=None if isinstance(language, Unset) else language,
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
