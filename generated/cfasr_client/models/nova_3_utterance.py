from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_word import Nova3Word


T = TypeVar("T", bound="Nova3Utterance")


@_attrs_define
class Nova3Utterance:
    """One utterance when utterances is on.

    Attributes:
        start (float | Unset): Start time in seconds.
        end (float | Unset): End time in seconds.
        confidence (float | Unset): Confidence 0-1.
        channel (int | Unset): Channel index.
        transcript (str | Unset): The utterance's text.
        words (list[Nova3Word] | Unset): Its words.
        speaker (int | Unset): Speaker index when diarize is on.
        id (str | Unset): Utterance id.
    """

    start: float | Unset = UNSET
    end: float | Unset = UNSET
    confidence: float | Unset = UNSET
    channel: int | Unset = UNSET
    transcript: str | Unset = UNSET
    words: list[Nova3Word] | Unset = UNSET
    speaker: int | Unset = UNSET
    id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        confidence = self.confidence

        channel = self.channel

        transcript = self.transcript

        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words, Unset):
            words = []
            for words_item_data in self.words:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        speaker = self.speaker

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if channel is not UNSET:
            field_dict["channel"] = channel
        if transcript is not UNSET:
            field_dict["transcript"] = transcript
        if words is not UNSET:
            field_dict["words"] = words
        if speaker is not UNSET:
            field_dict["speaker"] = speaker
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_word import Nova3Word

        d = dict(src_dict)
        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        confidence = d.pop("confidence", UNSET)

        channel = d.pop("channel", UNSET)

        transcript = d.pop("transcript", UNSET)

        _words = d.pop("words", UNSET)
        words: list[Nova3Word] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = Nova3Word.from_dict(words_item_data)

                words.append(words_item)

        speaker = d.pop("speaker", UNSET)

        id = d.pop("id", UNSET)

        nova_3_utterance = cls(
            start=start,
            end=end,
            confidence=confidence,
            channel=channel,
            transcript=transcript,
            words=words,
            speaker=speaker,
            id=id,
        )

        nova_3_utterance.additional_properties = d
        return nova_3_utterance

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
