from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_queued import BatchQueued
    from ..models.batch_results import BatchResults
    from ..models.error_item import ErrorItem
    from ..models.response_message import ResponseMessage
    from ..models.turbo_result import TurboResult


T = TypeVar("T", bound="TurboResponse")


@_attrs_define
class TurboResponse:
    """Success envelope of whisper-large-v3-turbo.

    Attributes:
        result (BatchQueued | BatchResults | TurboResult): The model output, or the batch status or responses when
            `queueRequest=true`.
        success (bool): Always true here.
        errors (list[ErrorItem] | None): Always empty on success.
        messages (list[ResponseMessage] | None): Informational messages, usually empty.
    """

    result: BatchQueued | BatchResults | TurboResult
    success: bool
    errors: list[ErrorItem] | None = None
    messages: list[ResponseMessage] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_queued import BatchQueued
        from ..models.turbo_result import TurboResult

        result: dict[str, Any]
        if isinstance(self.result, TurboResult) or isinstance(self.result, BatchQueued):
            result = self.result.to_dict()
        else:
            result = self.result.to_dict()

        success = self.success

        _errors_held: list[ErrorItem] | Unset = (
            UNSET if self.errors is None else self.errors
        )
        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_errors_held, Unset):
            errors = []
            for errors_item_data in _errors_held:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        _messages_held: list[ResponseMessage] | Unset = (
            UNSET if self.messages is None else self.messages
        )
        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_messages_held, Unset):
            messages = []
            for messages_item_data in _messages_held:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "result": result,
                "success": success,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if messages is not UNSET:
            field_dict["messages"] = messages

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_queued import BatchQueued
        from ..models.batch_results import BatchResults
        from ..models.error_item import ErrorItem
        from ..models.response_message import ResponseMessage
        from ..models.turbo_result import TurboResult

        d = dict(src_dict)
        for null_key in (
            "errors",
            "messages",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)

        def _parse_result(data: object) -> BatchQueued | BatchResults | TurboResult:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = TurboResult.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_1 = BatchQueued.from_dict(data)

                return result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            result_type_2 = BatchResults.from_dict(data)

            return result_type_2

        result = _parse_result(d.pop("result"))

        success = d.pop("success")

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorItem.from_dict(errors_item_data)

                errors.append(errors_item)

        _messages = d.pop("messages", UNSET)
        messages: list[ResponseMessage] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = ResponseMessage.from_dict(messages_item_data)

                messages.append(messages_item)

        turbo_response = cls(
            result=result,
            success=success,
            errors=None if isinstance(errors, Unset) else errors,
            messages=None if isinstance(messages, Unset) else messages,
        )

        turbo_response.additional_properties = d
        return turbo_response

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
