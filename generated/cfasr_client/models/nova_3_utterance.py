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
        start (float | None): Start time in seconds.
        end (float | None): End time in seconds.
        confidence (float | None): Confidence 0-1.
        channel (int | None): Channel index.
        transcript (str | None): The utterance's text.
        words (list[Nova3Word] | None): Its words.
        speaker (int | None): Speaker index when diarize is on.
        id (str | None): Utterance id.
    """

    start: float | None = None
    end: float | None = None
    confidence: float | None = None
    channel: int | None = None
    transcript: str | None = None
    words: list[Nova3Word] | None = None
    speaker: int | None = None
    id: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _start_held: float | Unset = UNSET if self.start is None else self.start
        start = _start_held

        _end_held: float | Unset = UNSET if self.end is None else self.end
        end = _end_held

        _confidence_held: float | Unset = (
            UNSET if self.confidence is None else self.confidence
        )
        confidence = _confidence_held

        _channel_held: int | Unset = UNSET if self.channel is None else self.channel
        channel = _channel_held

        _transcript_held: str | Unset = (
            UNSET if self.transcript is None else self.transcript
        )
        transcript = _transcript_held

        _words_held: list[Nova3Word] | Unset = (
            UNSET if self.words is None else self.words
        )
        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_words_held, Unset):
            words = []
            for words_item_data in _words_held:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        _speaker_held: int | Unset = UNSET if self.speaker is None else self.speaker
        speaker = _speaker_held

        _id_held: str | Unset = UNSET if self.id is None else self.id
        id = _id_held

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
        for null_key in (
            "start",
            "end",
            "confidence",
            "channel",
            "transcript",
            "words",
            "speaker",
            "id",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
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
            start=None if isinstance(start, Unset) else start,
            end=None if isinstance(end, Unset) else end,
            confidence=None if isinstance(confidence, Unset) else confidence,
            channel=None if isinstance(channel, Unset) else channel,
            transcript=None if isinstance(transcript, Unset) else transcript,
            words=None if isinstance(words, Unset) else words,
            speaker=None if isinstance(speaker, Unset) else speaker,
            id=None if isinstance(id, Unset) else id,
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
