from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_stream_word import Nova3StreamWord


T = TypeVar("T", bound="Nova3StreamAlternative")


@_attrs_define
class Nova3StreamAlternative:
    """One hypothesis of a streaming result.

    Attributes:
        transcript (str): The text of this span; often empty.
        confidence (float): Confidence 0-1.
        words (list[Nova3StreamWord]): Its words.
        languages (list[str] | None): Languages heard.
    """

    transcript: str
    confidence: float
    words: list[Nova3StreamWord]
    languages: list[str] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transcript = self.transcript

        confidence = self.confidence

        words = []
        for words_item_data in self.words:
            words_item = words_item_data.to_dict()
            words.append(words_item)

        _languages_held: list[str] | Unset = (
            UNSET if self.languages is None else self.languages
        )
        languages: list[str] | Unset = UNSET
        if not isinstance(_languages_held, Unset):
            languages = _languages_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transcript": transcript,
                "confidence": confidence,
                "words": words,
            }
        )
        if languages is not UNSET:
            field_dict["languages"] = languages

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_stream_word import Nova3StreamWord

        d = dict(src_dict)
        for null_key in ("languages",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        transcript = d.pop("transcript")

        confidence = d.pop("confidence")

        words = []
        _words = d.pop("words")
        for words_item_data in _words:
            words_item = Nova3StreamWord.from_dict(words_item_data)

            words.append(words_item)

        languages = cast(list[str], d.pop("languages", UNSET))

        nova_3_stream_alternative = cls(
            transcript=transcript,
            confidence=confidence,
            words=words,
            languages=None if isinstance(languages, Unset) else languages,
        )

        nova_3_stream_alternative.additional_properties = d
        return nova_3_stream_alternative

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
