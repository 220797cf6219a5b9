from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_chain_item import ErrorChainItem


T = TypeVar("T", bound="ErrorItem")


@_attrs_define
class ErrorItem:
    """One error. Bad-input messages look like `AiError: Bad input: Error: <complaint> (<request id>)`.

    Attributes:
        message (str): What went wrong
        code (int | str | None): A Cloudflare error code. Integer on the wire, string in Cloudflare's own schema; both
            are accepted.
        error_chain (list[ErrorChainItem] | None): Lower-level errors, innermost last.
    """

    message: str
    code: int | str | None = None
    error_chain: list[ErrorChainItem] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        _code_held: int | str | Unset = UNSET if self.code is None else self.code
        code: int | str | Unset
        if isinstance(_code_held, Unset):
            code = UNSET
        else:
            code = _code_held

        _error_chain_held: list[ErrorChainItem] | Unset = (
            UNSET if self.error_chain is None else self.error_chain
        )
        error_chain: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_error_chain_held, Unset):
            error_chain = []
            for error_chain_item_data in _error_chain_held:
                error_chain_item = error_chain_item_data.to_dict()
                error_chain.append(error_chain_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if error_chain is not UNSET:
            field_dict["error_chain"] = error_chain

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_chain_item import ErrorChainItem

        d = dict(src_dict)
        for null_key in (
            "code",
            "error_chain",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        message = d.pop("message")

        def _parse_code(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        _error_chain = d.pop("error_chain", UNSET)
        error_chain: list[ErrorChainItem] | Unset = UNSET
        if _error_chain is not UNSET:
            error_chain = []
            for error_chain_item_data in _error_chain:
                error_chain_item = ErrorChainItem.from_dict(error_chain_item_data)

                error_chain.append(error_chain_item)

        error_item = cls(
            message=message,
            code=None if isinstance(code, Unset) else code,
            error_chain=None if isinstance(error_chain, Unset) else error_chain,
        )

        error_item.additional_properties = d
        return error_item

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
