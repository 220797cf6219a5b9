from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FluxThresholdsInForce")


@_attrs_define
class FluxThresholdsInForce:
    """The turn-detection thresholds in force, as ConfigureSuccess reports them: the members of FluxConfigureThresholds,
    read as a received model (an absent one is None).

        Attributes:
            eager_eot_threshold (float | None): Eager end-of-turn confidence.
            eot_threshold (float | None): End-of-turn confidence.
            eot_timeout_ms (int | None): End-of-turn timeout in ms.
    """

    eager_eot_threshold: float | None = None
    eot_threshold: float | None = None
    eot_timeout_ms: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _eager_eot_threshold_held: float | Unset = (
            UNSET if self.eager_eot_threshold is None else self.eager_eot_threshold
        )
        eager_eot_threshold = _eager_eot_threshold_held

        _eot_threshold_held: float | Unset = (
            UNSET if self.eot_threshold is None else self.eot_threshold
        )
        eot_threshold = _eot_threshold_held

        _eot_timeout_ms_held: int | Unset = (
            UNSET if self.eot_timeout_ms is None else self.eot_timeout_ms
        )
        eot_timeout_ms = _eot_timeout_ms_held

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
        for null_key in (
            "eager_eot_threshold",
            "eot_threshold",
            "eot_timeout_ms",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        eager_eot_threshold = d.pop("eager_eot_threshold", UNSET)

        eot_threshold = d.pop("eot_threshold", UNSET)

        eot_timeout_ms = d.pop("eot_timeout_ms", UNSET)

        flux_thresholds_in_force = cls(
            eager_eot_threshold=None
            if isinstance(eager_eot_threshold, Unset)
            else eager_eot_threshold,
            eot_threshold=None if isinstance(eot_threshold, Unset) else eot_threshold,
            eot_timeout_ms=None
            if isinstance(eot_timeout_ms, Unset)
            else eot_timeout_ms,
        )

        flux_thresholds_in_force.additional_properties = d
        return flux_thresholds_in_force

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
