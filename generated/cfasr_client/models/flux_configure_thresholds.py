from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FluxConfigureThresholds")


@_attrs_define
class FluxConfigureThresholds:
    """Turn-detection thresholds to change mid-stream; omitted ones keep their values.

    Attributes:
        eager_eot_threshold (float | Unset): Eager end-of-turn confidence.
        eot_threshold (float | Unset): End-of-turn confidence.
        eot_timeout_ms (int | Unset): End-of-turn timeout in ms.
    """

    eager_eot_threshold: float | Unset = UNSET
    eot_threshold: float | Unset = UNSET
    eot_timeout_ms: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        eager_eot_threshold = self.eager_eot_threshold

        eot_threshold = self.eot_threshold

        eot_timeout_ms = self.eot_timeout_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if eager_eot_threshold is not UNSET:
            field_dict["eager_eot_threshold"] = eager_eot_threshold
        if eot_threshold is not UNSET:
            field_dict["eot_threshold"] = eot_threshold
        if eot_timeout_ms is not UNSET:
            field_dict["eot_timeout_ms"] = eot_timeout_ms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        eager_eot_threshold = d.pop("eager_eot_threshold", UNSET)

        eot_threshold = d.pop("eot_threshold", UNSET)

        eot_timeout_ms = d.pop("eot_timeout_ms", UNSET)

        flux_configure_thresholds = cls(
            eager_eot_threshold=eager_eot_threshold,
            eot_threshold=eot_threshold,
            eot_timeout_ms=eot_timeout_ms,
        )

        flux_configure_thresholds.additional_properties = d
        return flux_configure_thresholds

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
