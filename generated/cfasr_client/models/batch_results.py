from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_item import BatchItem
    from ..models.batch_results_usage import BatchResultsUsage


T = TypeVar("T", bound="BatchResults")


@_attrs_define
class BatchResults:
    """The responses of a finished batch.

    Attributes:
        responses (list[BatchItem]): One item per input.
        usage (BatchResultsUsage | None): Tokens or neurons used by the batch.
    """

    responses: list[BatchItem]
    usage: BatchResultsUsage | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        responses = []
        for responses_item_data in self.responses:
            responses_item = responses_item_data.to_dict()
            responses.append(responses_item)

        _usage_held: BatchResultsUsage | Unset = (
            UNSET if self.usage is None else self.usage
        )
        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(_usage_held, Unset):
            usage = _usage_held.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "responses": responses,
            }
        )
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_item import BatchItem
        from ..models.batch_results_usage import BatchResultsUsage

        d = dict(src_dict)
        for null_key in ("usage",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        responses = []
        _responses = d.pop("responses")
        for responses_item_data in _responses:
            responses_item = BatchItem.from_dict(responses_item_data)

            responses.append(responses_item)

        _usage = d.pop("usage", UNSET)
        usage: BatchResultsUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = BatchResultsUsage.from_dict(_usage)

        batch_results = cls(
            responses=responses,
            usage=None if isinstance(usage, Unset) else usage,
        )

        batch_results.additional_properties = d
        return batch_results

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
