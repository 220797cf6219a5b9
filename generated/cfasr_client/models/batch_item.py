from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_item_result import BatchItemResult


T = TypeVar("T", bound="BatchItem")


@_attrs_define
class BatchItem:
    """One finished item of a batch.

    Attributes:
        id (int | None): Position of the input in the batch.
        result (BatchItemResult | None): The model output for that input.
        success (bool | None): Whether this item succeeded.
        external_reference (None | str): The reference the caller gave this item
    """

    id: int | None = None
    result: BatchItemResult | None = None
    success: bool | None = None
    external_reference: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _id_held: int | Unset = UNSET if self.id is None else self.id
        id = _id_held

        _result_held: BatchItemResult | Unset = (
            UNSET if self.result is None else self.result
        )
        result: dict[str, Any] | Unset = UNSET
        if not isinstance(_result_held, Unset):
            result = _result_held.to_dict()

        _success_held: bool | Unset = UNSET if self.success is None else self.success
        success = _success_held

        _external_reference_held: None | str | Unset = self.external_reference
        external_reference: None | str | Unset
        if isinstance(_external_reference_held, Unset):
            external_reference = UNSET
        else:
            external_reference = _external_reference_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if result is not UNSET:
            field_dict["result"] = result
        if success is not UNSET:
            field_dict["success"] = success
        if external_reference is not UNSET:
            field_dict["external_reference"] = external_reference

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_item_result import BatchItemResult

        d = dict(src_dict)
        for null_key in (
            "id",
            "result",
            "success",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        id = d.pop("id", UNSET)

        _result = d.pop("result", UNSET)
        result: BatchItemResult | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = BatchItemResult.from_dict(_result)

        success = d.pop("success", UNSET)

        def _parse_external_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_reference = _parse_external_reference(
            d.pop("external_reference", UNSET)
        )

        batch_item = cls(
            id=None if isinstance(id, Unset) else id,
            result=None if isinstance(result, Unset) else result,
            success=None if isinstance(success, Unset) else success,
            external_reference=None
            if isinstance(external_reference, Unset)
            else external_reference,
        )

        batch_item.additional_properties = d
        return batch_item

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
