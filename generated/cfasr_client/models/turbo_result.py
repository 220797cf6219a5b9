from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.turbo_segment import TurboSegment
    from ..models.turbo_transcription_info import TurboTranscriptionInfo


T = TypeVar("T", bound="TurboResult")


@_attrs_define
class TurboResult:
    """The output of @cf/openai/whisper-large-v3-turbo.

    Attributes:
        text (str): The whole transcript.
        transcription_info (TurboTranscriptionInfo | None): What the model found out about the audio.
        word_count (float | None): Number of words.
        segments (list[TurboSegment] | None): The decoded segments, in order.
        vtt (str | None): The transcript as WebVTT subtitles.
    """

    text: str
    transcription_info: TurboTranscriptionInfo | None = None
    word_count: float | None = None
    segments: list[TurboSegment] | None = None
    vtt: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        _transcription_info_held: TurboTranscriptionInfo | Unset = (
            UNSET if self.transcription_info is None else self.transcription_info
        )
        transcription_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_transcription_info_held, Unset):
            transcription_info = _transcription_info_held.to_dict()

        _word_count_held: float | Unset = (
            UNSET if self.word_count is None else self.word_count
        )
        word_count = _word_count_held

        _segments_held: list[TurboSegment] | Unset = (
            UNSET if self.segments is None else self.segments
        )
        segments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_segments_held, Unset):
            segments = []
            for segments_item_data in _segments_held:
                segments_item = segments_item_data.to_dict()
                segments.append(segments_item)

        _vtt_held: str | Unset = UNSET if self.vtt is None else self.vtt
        vtt = _vtt_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if transcription_info is not UNSET:
            field_dict["transcription_info"] = transcription_info
        if word_count is not UNSET:
            field_dict["word_count"] = word_count
        if segments is not UNSET:
            field_dict["segments"] = segments
        if vtt is not UNSET:
            field_dict["vtt"] = vtt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.turbo_segment import TurboSegment
        from ..models.turbo_transcription_info import TurboTranscriptionInfo

        d = dict(src_dict)
        for null_key in (
            "transcription_info",
            "word_count",
            "segments",
            "vtt",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        text = d.pop("text")

        _transcription_info = d.pop("transcription_info", UNSET)
        transcription_info: TurboTranscriptionInfo | Unset
        if isinstance(_transcription_info, Unset):
            transcription_info = UNSET
        else:
            transcription_info = TurboTranscriptionInfo.from_dict(_transcription_info)

        word_count = d.pop("word_count", UNSET)

        _segments = d.pop("segments", UNSET)
        segments: list[TurboSegment] | Unset = UNSET
        if _segments is not UNSET:
            segments = []
            for segments_item_data in _segments:
                segments_item = TurboSegment.from_dict(segments_item_data)

                segments.append(segments_item)

        vtt = d.pop("vtt", UNSET)

        turbo_result = cls(
            text=text,
            transcription_info=None
            if isinstance(transcription_info, Unset)
            else transcription_info,
            word_count=None if isinstance(word_count, Unset) else word_count,
            segments=None if isinstance(segments, Unset) else segments,
            vtt=None if isinstance(vtt, Unset) else vtt,
        )

        turbo_result.additional_properties = d
        return turbo_result

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
