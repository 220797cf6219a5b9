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
        start (float | None): Start time in seconds.
        end (float | None): End time in seconds.
        text (str | None): The segment's text (usually with a leading space).
        temperature (float | None): Sampling temperature that produced it.
        avg_logprob (float | None): Average log probability of its tokens.
        compression_ratio (float | None): gzip compression ratio of its text.
        no_speech_prob (float | None): Probability that it holds no speech.
        words (list[TurboWord] | None): Its words with timings.
    """

    start: float | None = None
    end: float | None = None
    text: str | None = None
    temperature: float | None = None
    avg_logprob: float | None = None
    compression_ratio: float | None = None
    no_speech_prob: float | None = None
    words: list[TurboWord] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _start_held: float | Unset = UNSET if self.start is None else self.start
        start = _start_held

        _end_held: float | Unset = UNSET if self.end is None else self.end
        end = _end_held

        _text_held: str | Unset = UNSET if self.text is None else self.text
        text = _text_held

        _temperature_held: float | Unset = (
            UNSET if self.temperature is None else self.temperature
        )
        temperature = _temperature_held

        _avg_logprob_held: float | Unset = (
            UNSET if self.avg_logprob is None else self.avg_logprob
        )
        avg_logprob = _avg_logprob_held

        _compression_ratio_held: float | Unset = (
            UNSET if self.compression_ratio is None else self.compression_ratio
        )
        compression_ratio = _compression_ratio_held

        _no_speech_prob_held: float | Unset = (
            UNSET if self.no_speech_prob is None else self.no_speech_prob
        )
        no_speech_prob = _no_speech_prob_held

        _words_held: list[TurboWord] | Unset = (
            UNSET if self.words is None else self.words
        )
        words: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_words_held, Unset):
            words = []
            for words_item_data in _words_held:
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
        for null_key in (
            "start",
            "end",
            "text",
            "temperature",
            "avg_logprob",
            "compression_ratio",
            "no_speech_prob",
            "words",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
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
            start=None if isinstance(start, Unset) else start,
            end=None if isinstance(end, Unset) else end,
            text=None if isinstance(text, Unset) else text,
            temperature=None if isinstance(temperature, Unset) else temperature,
            avg_logprob=None if isinstance(avg_logprob, Unset) else avg_logprob,
            compression_ratio=None
            if isinstance(compression_ratio, Unset)
            else compression_ratio,
            no_speech_prob=None
            if isinstance(no_speech_prob, Unset)
            else no_speech_prob,
            words=None if isinstance(words, Unset) else words,
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
