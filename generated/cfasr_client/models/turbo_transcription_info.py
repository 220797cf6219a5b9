from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TurboTranscriptionInfo")


@_attrs_define
class TurboTranscriptionInfo:
    """What the model found out about the audio.

    Attributes:
        language (str | Unset): Detected or given language code.
        language_probability (float | Unset): Confidence of the detected language
        duration (float | Unset): Length of the audio in seconds.
        duration_after_vad (float | Unset): Length left after voice-activity filtering
    """

    language: str | Unset = UNSET
    language_probability: float | Unset = UNSET
    duration: float | Unset = UNSET
    duration_after_vad: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        language_probability = self.language_probability

        duration = self.duration

        duration_after_vad = self.duration_after_vad

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language
        if language_probability is not UNSET:
            field_dict["language_probability"] = language_probability
        if duration is not UNSET:
            field_dict["duration"] = duration
        if duration_after_vad is not UNSET:
            field_dict["duration_after_vad"] = duration_after_vad

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        language = d.pop("language", UNSET)

        language_probability = d.pop("language_probability", UNSET)

        duration = d.pop("duration", UNSET)

        duration_after_vad = d.pop("duration_after_vad", UNSET)

        turbo_transcription_info = cls(
            language=language,
            language_probability=language_probability,
            duration=duration,
            duration_after_vad=duration_after_vad,
        )

        turbo_transcription_info.additional_properties = d
        return turbo_transcription_info

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
