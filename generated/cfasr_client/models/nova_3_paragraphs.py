from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_paragraph import Nova3Paragraph


T = TypeVar("T", bound="Nova3Paragraphs")


@_attrs_define
class Nova3Paragraphs:
    """Paragraph segmentation of an alternative.

    Attributes:
        transcript (str | None): The transcript laid out in paragraphs.
        paragraphs (list[Nova3Paragraph] | None): The paragraphs.
    """

    transcript: str | None = None
    paragraphs: list[Nova3Paragraph] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _transcript_held: str | Unset = (
            UNSET if self.transcript is None else self.transcript
        )
        transcript = _transcript_held

        _paragraphs_held: list[Nova3Paragraph] | Unset = (
            UNSET if self.paragraphs is None else self.paragraphs
        )
        paragraphs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_paragraphs_held, Unset):
            paragraphs = []
            for paragraphs_item_data in _paragraphs_held:
                paragraphs_item = paragraphs_item_data.to_dict()
                paragraphs.append(paragraphs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if transcript is not UNSET:
            field_dict["transcript"] = transcript
        if paragraphs is not UNSET:
            field_dict["paragraphs"] = paragraphs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_paragraph import Nova3Paragraph

        d = dict(src_dict)
        for null_key in (
            "transcript",
            "paragraphs",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        transcript = d.pop("transcript", UNSET)

        _paragraphs = d.pop("paragraphs", UNSET)
        paragraphs: list[Nova3Paragraph] | Unset = UNSET
        if _paragraphs is not UNSET:
            paragraphs = []
            for paragraphs_item_data in _paragraphs:
                paragraphs_item = Nova3Paragraph.from_dict(paragraphs_item_data)

                paragraphs.append(paragraphs_item)

        nova_3_paragraphs = cls(
            transcript=None if isinstance(transcript, Unset) else transcript,
            paragraphs=None if isinstance(paragraphs, Unset) else paragraphs,
        )

        nova_3_paragraphs.additional_properties = d
        return nova_3_paragraphs

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
