from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.turbo_word import TurboWord


T = TypeVar("T", bound="TurboSegment")


@_attrs_define
class TurboSegment:
    """One decoded segment.

    Attributes:
        start (float | Unset): Start time in seconds.
        end (float | Unset): End time in seconds.
        text (str | Unset): The segment's text (usually with a leading space).
        temperature (float | Unset): Sampling temperature that produced it.
        avg_logprob (float | Unset): Average log probability of its tokens.
        compression_ratio (float | Unset): gzip compression ratio of its text.
        no_speech_prob (float | Unset): Probability that it holds no speech.
        words (list[TurboWord] | Unset): Its words with timings.
    """

    start: float | Unset = UNSET
    end: float | Unset = UNSET
    text: str | Unset = UNSET
    temperature: float | Unset = UNSET
    avg_logprob: float | Unset = UNSET
    compression_ratio: float | Unset = UNSET
    no_speech_prob: float | Unset = UNSET
    words: list[TurboWord] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        text = self.text

        temperature = self.temperature

        avg_logprob = self.avg_logprob

        compression_ratio = self.compression_ratio

        no_speech_prob = self.no_speech_prob

        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.words, Unset):
            words = []
            for words_item_data in self.words:
                words_item = words_item_data.to_dict()
                words.append(words_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if text is not UNSET:
            field_dict["text"] = text
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if avg_logprob is not UNSET:
            field_dict["avg_logprob"] = avg_logprob
        if compression_ratio is not UNSET:
            field_dict["compression_ratio"] = compression_ratio
        if no_speech_prob is not UNSET:
            field_dict["no_speech_prob"] = no_speech_prob
        if words is not UNSET:
            field_dict["words"] = words

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.turbo_word import TurboWord

        d = dict(src_dict)
        start = d.pop("start", UNSET)

        end = d.pop("end", UNSET)

        text = d.pop("text", UNSET)

        temperature = d.pop("temperature", UNSET)

        avg_logprob = d.pop("avg_logprob", UNSET)

        compression_ratio = d.pop("compression_ratio", UNSET)

        no_speech_prob = d.pop("no_speech_prob", UNSET)

        _words = d.pop("words", UNSET)
        words: list[TurboWord] | Unset = UNSET
        if _words is not UNSET:
            words = []
            for words_item_data in _words:
                words_item = TurboWord.from_dict(words_item_data)

                words.append(words_item)

        turbo_segment = cls(
            start=start,
            end=end,
            text=text,
            temperature=temperature,
            avg_logprob=avg_logprob,
            compression_ratio=compression_ratio,
            no_speech_prob=no_speech_prob,
            words=words,
        )

        turbo_segment.additional_properties = d
        return turbo_segment

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
