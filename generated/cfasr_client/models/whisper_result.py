from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.whisper_word import WhisperWord


T = TypeVar("T", bound="WhisperResult")


@_attrs_define
class WhisperResult:
    """The output of @cf/openai/whisper and @cf/openai/whisper-tiny-en.

    Attributes:
        text (str): The whole transcript.
        word_count (float | None): Number of words in the transcript.
        words (list[WhisperWord] | None): Each word with its timing.
        vtt (str | None): The transcript as WebVTT subtitles.
    """

    text: str
    word_count: float | None = None
    words: list[WhisperWord] | None = None
    vtt: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        _word_count_held: float | Unset = (
            UNSET if self.word_count is None else self.word_count
        )
        word_count = _word_count_held

        _words_held: list[WhisperWord] | Unset = (
            UNSET if self.words is None else self.words
        )
        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_words_held, Unset):
            words = []
            for words_item_data in _words_held:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        _vtt_held: str | Unset = UNSET if self.vtt is None else self.vtt
        vtt = _vtt_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
            }
        )
        if word_count is not UNSET:
            field_dict["word_count"] = word_count
        if words is not UNSET:
            field_dict["words"] = words
        if vtt is not UNSET:
            field_dict["vtt"] = vtt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.whisper_word import WhisperWord

        d = dict(src_dict)
        for null_key in (
            "word_count",
            "words",
            "vtt",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        text = d.pop("text")

        word_count = d.pop("word_count", UNSET)

        _words = d.pop("words", UNSET)
        words: list[WhisperWord] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = WhisperWord.from_dict(words_item_data)

                words.append(words_item)

        vtt = d.pop("vtt", UNSET)

        whisper_result = cls(
            text=text,
            word_count=None if isinstance(word_count, Unset) else word_count,
            words=None if isinstance(words, Unset) else words,
            vtt=None if isinstance(vtt, Unset) else vtt,
        )

        whisper_result.additional_properties = d
        return whisper_result

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
