from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResponseMessage")


@_attrs_define
class ResponseMessage:
    """An informational message from the API.

    Attributes:
        code (int | str | None): A Cloudflare error code. Integer on the wire, string in Cloudflare's own schema; both
            are accepted.
        message (str | None): The message text.
    """

    code: int | str | None = None
    message: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _code_held: int | str | Unset = UNSET if self.code is None else self.code
        code: int | str | Unset
        if isinstance(_code_held, Unset):
            code = UNSET
        else:
            code = _code_held

        _message_held: str | Unset = UNSET if self.message is None else self.message
        message = _message_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "code",
            "message",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)

        def _parse_code(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        message = d.pop("message", UNSET)

        response_message = cls(
            code=None if isinstance(code, Unset) else code,
            message=None if isinstance(message, Unset) else message,
        )

        response_message.additional_properties = d
        return response_message

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
