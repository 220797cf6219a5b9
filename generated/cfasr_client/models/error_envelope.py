from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_item import ErrorItem
    from ..models.response_message import ResponseMessage


T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """Cloudflare's failure envelope. WebSocket handshake refusals may omit `code`.

    Attributes:
        errors (list[ErrorItem]): Why the request failed; usually one item.
        success (bool): Always false here.
        messages (list[ResponseMessage] | None): Informational messages, usually empty.
        result (Any | None): Empty object or null on failure.
    """

    errors: list[ErrorItem]
    success: bool
    messages: list[ResponseMessage] | None = None
    result: Any | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        success = self.success

        _messages_held: list[ResponseMessage] | Unset = (
            UNSET if self.messages is None else self.messages
        )
        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_messages_held, Unset):
            messages = []
            for messages_item_data in _messages_held:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        _result_held: Any | Unset = UNSET if self.result is None else self.result
        result = _result_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
                "success": success,
            }
        )
        if messages is not UNSET:
            field_dict["messages"] = messages
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_item import ErrorItem
        from ..models.response_message import ResponseMessage

        d = dict(src_dict)
        for null_key in (
            "messages",
            "result",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ErrorItem.from_dict(errors_item_data)

            errors.append(errors_item)

        success = d.pop("success")

        _messages = d.pop("messages", UNSET)
        messages: list[ResponseMessage] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = ResponseMessage.from_dict(messages_item_data)

                messages.append(messages_item)

        result = d.pop("result", UNSET)

        error_envelope = cls(
            errors=errors,
            success=success,
            messages=None if isinstance(messages, Unset) else messages,
            result=None if isinstance(result, Unset) else result,
        )

        error_envelope.additional_properties = d
        return error_envelope

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
