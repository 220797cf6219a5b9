from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flux_thresholds_in_force import FluxThresholdsInForce


T = TypeVar("T", bound="FluxConfigureSuccess")


@_attrs_define
class FluxConfigureSuccess:
    """Server message confirming a Configure, with the settings now in force.

    Attributes:
        type_ (Literal['ConfigureSuccess']): Message type.
        request_id (str): Session request id.
        sequence_id (int): Counter of server messages.
        thresholds (FluxThresholdsInForce): The turn-detection thresholds in force, as ConfigureSuccess reports them:
            the members of FluxConfigureThresholds, read as a received model (an absent one is None).
        keyterms (list[str]): Terms now boosted.
        language_hints (list[str] | None): Languages now expected, when the model takes hints.
    """

    type_: Literal["ConfigureSuccess"]
    request_id: str
    sequence_id: int
    thresholds: FluxThresholdsInForce
    keyterms: list[str]
    language_hints: list[str] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        request_id = self.request_id

        sequence_id = self.sequence_id

        thresholds = self.thresholds.to_dict()

        keyterms = self.keyterms

        _language_hints_held: list[str] | Unset = (
            UNSET if self.language_hints is None else self.language_hints
        )
        language_hints: list[str] | Unset = UNSET
        if not isinstance(_language_hints_held, Unset):
            language_hints = _language_hints_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "request_id": request_id,
                "sequence_id": sequence_id,
                "thresholds": thresholds,
                "keyterms": keyterms,
            }
        )
        if language_hints is not UNSET:
            field_dict["language_hints"] = language_hints

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.flux_thresholds_in_force import FluxThresholdsInForce

        d = dict(src_dict)
        for null_key in ("language_hints",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        type_ = cast(Literal["ConfigureSuccess"], d.pop("type"))
        if type_ != "ConfigureSuccess":
            raise ValueError(f"type must match const 'ConfigureSuccess', got '{type_}'")

        request_id = d.pop("request_id")

        sequence_id = d.pop("sequence_id")

        thresholds = FluxThresholdsInForce.from_dict(d.pop("thresholds"))

        keyterms = cast(list[str], d.pop("keyterms"))

        language_hints = cast(list[str], d.pop("language_hints", UNSET))

        flux_configure_success = cls(
            type_=type_,
            request_id=request_id,
            sequence_id=sequence_id,
            thresholds=thresholds,
            keyterms=keyterms,
            language_hints=None
            if isinstance(language_hints, Unset)
            else language_hints,
        )

        flux_configure_success.additional_properties = d
        return flux_configure_success

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
