from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorChainItem")


@_attrs_define
class ErrorChainItem:
    """A lower-level error that caused the one it is attached to.

    Attributes:
        message (str): What went wrong.
        code (int | str | None): A Cloudflare error code. Integer on the wire, string in Cloudflare's own schema; both
            are accepted.
    """

    message: str
    code: int | str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        _code_held: int | str | Unset = UNSET if self.code is None else self.code
        code: int | str | Unset
        if isinstance(_code_held, Unset):
            code = UNSET
        else:
            code = _code_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in ("code",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        message = d.pop("message")

        def _parse_code(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        error_chain_item = cls(
            message=message,
            code=None if isinstance(code, Unset) else code,
        )

        error_chain_item.additional_properties = d
        return error_chain_item

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
