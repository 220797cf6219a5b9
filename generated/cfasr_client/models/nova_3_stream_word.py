from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3StreamWord")


@_attrs_define
class Nova3StreamWord:
    """One word of a streaming result.

    Attributes:
        word (str): The word.
        start (float): Start in seconds from the start of the stream.
        end (float): End in seconds from the start of the stream.
        confidence (float): Confidence 0-1.
        punctuated_word (str | None): The word with punctuation and casing.
        speaker (int | None): Speaker index when diarize is on.
        language (str | None): Language in multilingual mode.
    """

    word: str
    start: float
    end: float
    confidence: float
    punctuated_word: str | None = None
    speaker: int | None = None
    language: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        word = self.word

        start = self.start

        end = self.end

        confidence = self.confidence

        _punctuated_word_held: str | Unset = (
            UNSET if self.punctuated_word is None else self.punctuated_word
        )
        punctuated_word = _punctuated_word_held

        _speaker_held: int | Unset = UNSET if self.speaker is None else self.speaker
        speaker = _speaker_held

        _language_held: str | Unset = UNSET if self.language is None else self.language
        language = _language_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "word": word,
                "start": start,
                "end": end,
                "confidence": confidence,
            }
        )
        if punctuated_word is not UNSET:
            field_dict["punctuated_word"] = punctuated_word
        if speaker is not UNSET:
            field_dict["speaker"] = speaker
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "punctuated_word",
            "speaker",
            "language",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        word = d.pop("word")

        start = d.pop("start")

        end = d.pop("end")

        confidence = d.pop("confidence")

        punctuated_word = d.pop("punctuated_word", UNSET)

        speaker = d.pop("speaker", UNSET)

        language = d.pop("language", UNSET)

        nova_3_stream_word = cls(
            word=word,
            start=start,
            end=end,
            confidence=confidence,
            punctuated_word=None
            if isinstance(punctuated_word, Unset)
            else punctuated_word,
            speaker=None if isinstance(speaker, Unset) else speaker,
            language=None if isinstance(language, Unset) else language,
        )

        nova_3_stream_word.additional_properties = d
        return nova_3_stream_word

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
