from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3AnalysisInfo")


@_attrs_define
class Nova3AnalysisInfo:
    """Which model ran an audio-intelligence feature (summary, sentiment, topics, intents) and what it consumed. Only
    loosely documented, so any further member is accepted.

        Attributes:
            model_uuid (str | None): Id of the model that ran the feature.
            input_tokens (int | None): Tokens read.
            output_tokens (int | None): Tokens written.
    """

    model_uuid: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _model_uuid_held: str | Unset = (
            UNSET if self.model_uuid is None else self.model_uuid
        )
        model_uuid = _model_uuid_held

        _input_tokens_held: int | Unset = (
            UNSET if self.input_tokens is None else self.input_tokens
        )
        input_tokens = _input_tokens_held

        _output_tokens_held: int | Unset = (
            UNSET if self.output_tokens is None else self.output_tokens
        )
        output_tokens = _output_tokens_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model_uuid is not UNSET:
            field_dict["model_uuid"] = model_uuid
        if input_tokens is not UNSET:
            field_dict["input_tokens"] = input_tokens
        if output_tokens is not UNSET:
            field_dict["output_tokens"] = output_tokens

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "model_uuid",
            "input_tokens",
            "output_tokens",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        model_uuid = d.pop("model_uuid", UNSET)

        input_tokens = d.pop("input_tokens", UNSET)

        output_tokens = d.pop("output_tokens", UNSET)

        nova_3_analysis_info = cls(
            model_uuid=None if isinstance(model_uuid, Unset) else model_uuid,
            input_tokens=None if isinstance(input_tokens, Unset) else input_tokens,
            output_tokens=None if isinstance(output_tokens, Unset) else output_tokens,
        )

        nova_3_analysis_info.additional_properties = d
        return nova_3_analysis_info

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
