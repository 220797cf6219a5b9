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
    from ..models.flux_configure_thresholds import FluxConfigureThresholds


T = TypeVar("T", bound="FluxConfigure")


@_attrs_define
class FluxConfigure:
    """Client text frame changing settings mid-stream; answered by ConfigureSuccess or ConfigureFailure.

    Attributes:
        type_ (Literal['Configure']): Message type.
        thresholds (FluxConfigureThresholds | Unset): Turn-detection thresholds to change mid-stream; omitted ones keep
            their values.
        keyterms (list[str] | str | Unset): Terms to boost from now on, replacing the current ones: one term as a
            string, or a list of terms.
        language_hints (list[str] | Unset): Languages to expect from now on. Deepgram honours it only with its
            multilingual Flux model, which Workers AI does not host, so expect it to be ignored or refused.
    """

    type_: Literal["Configure"]
    thresholds: FluxConfigureThresholds | Unset = UNSET
    keyterms: list[str] | str | Unset = UNSET
    language_hints: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        thresholds: dict[str, Any] | Unset = UNSET
        if not isinstance(self.thresholds, Unset):
            thresholds = self.thresholds.to_dict()

        keyterms: list[str] | str | Unset
        if isinstance(self.keyterms, Unset):
            keyterms = UNSET
        elif isinstance(self.keyterms, list):
            keyterms = self.keyterms

        else:
            keyterms = self.keyterms

        language_hints: list[str] | Unset = UNSET
        if not isinstance(self.language_hints, Unset):
            language_hints = self.language_hints

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if thresholds is not UNSET:
            field_dict["thresholds"] = thresholds
        if keyterms is not UNSET:
            field_dict["keyterms"] = keyterms
        if language_hints is not UNSET:
            field_dict["language_hints"] = language_hints

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.flux_configure_thresholds import FluxConfigureThresholds

        d = dict(src_dict)
        type_ = cast(Literal["Configure"], d.pop("type"))
        if type_ != "Configure":
            raise ValueError(f"type must match const 'Configure', got '{type_}'")

        _thresholds = d.pop("thresholds", UNSET)
        thresholds: FluxConfigureThresholds | Unset
        if isinstance(_thresholds, Unset):
            thresholds = UNSET
        else:
            thresholds = FluxConfigureThresholds.from_dict(_thresholds)

        def _parse_keyterms(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                keyterms_type_1 = cast(list[str], data)

                return keyterms_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        keyterms = _parse_keyterms(d.pop("keyterms", UNSET))

        language_hints = cast(list[str], d.pop("language_hints", UNSET))

        flux_configure = cls(
            type_=type_,
            thresholds=thresholds,
            keyterms=keyterms,
            language_hints=language_hints,
        )

        flux_configure.additional_properties = d
        return flux_configure

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
