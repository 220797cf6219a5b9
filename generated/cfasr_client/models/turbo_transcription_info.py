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
        language (str | None): Detected or given language code.
        language_probability (float | None): Confidence of the detected language
        duration (float | None): Length of the audio in seconds.
        duration_after_vad (float | None): Length left after voice-activity filtering
    """

    language: str | None = None
    language_probability: float | None = None
    duration: float | None = None
    duration_after_vad: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _language_held: str | Unset = UNSET if self.language is None else self.language
        language = _language_held

        _language_probability_held: float | Unset = (
            UNSET if self.language_probability is None else self.language_probability
        )
        language_probability = _language_probability_held

        _duration_held: float | Unset = (
            UNSET if self.duration is None else self.duration
        )
        duration = _duration_held

        _duration_after_vad_held: float | Unset = (
            UNSET if self.duration_after_vad is None else self.duration_after_vad
        )
        duration_after_vad = _duration_after_vad_held

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
        for null_key in (
            "language",
            "language_probability",
            "duration",
            "duration_after_vad",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        language = d.pop("language", UNSET)

        language_probability = d.pop("language_probability", UNSET)

        duration = d.pop("duration", UNSET)

        duration_after_vad = d.pop("duration_after_vad", UNSET)

        turbo_transcription_info = cls(
            language=None if isinstance(language, Unset) else language,
            language_probability=None
            if isinstance(language_probability, Unset)
            else language_probability,
            duration=None if isinstance(duration, Unset) else duration,
            duration_after_vad=None
            if isinstance(duration_after_vad, Unset)
            else duration_after_vad,
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
