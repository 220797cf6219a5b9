from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3ModelInfo")


@_attrs_define
class Nova3ModelInfo:
    """Name and version of a model that served the request.

    Attributes:
        name (str | None): Model name.
        version (str | None): Model version.
        arch (str | None): Model architecture.
    """

    name: str | None = None
    version: str | None = None
    arch: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _name_held: str | Unset = UNSET if self.name is None else self.name
        name = _name_held

        _version_held: str | Unset = UNSET if self.version is None else self.version
        version = _version_held

        _arch_held: str | Unset = UNSET if self.arch is None else self.arch
        arch = _arch_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if version is not UNSET:
            field_dict["version"] = version
        if arch is not UNSET:
            field_dict["arch"] = arch

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "name",
            "version",
            "arch",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        name = d.pop("name", UNSET)

        version = d.pop("version", UNSET)

        arch = d.pop("arch", UNSET)

        nova_3_model_info = cls(
            name=None if isinstance(name, Unset) else name,
            version=None if isinstance(version, Unset) else version,
            arch=None if isinstance(arch, Unset) else arch,
        )

        nova_3_model_info.additional_properties = d
        return nova_3_model_info

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
