from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchQueued")


@_attrs_define
class BatchQueued:
    """A batch that is waiting or running.

    Attributes:
        status (str): `queued` or `running`.
        request_id (str): Poll with this id.
        model (str | None): The model id.
    """

    status: str
    request_id: str
    model: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        request_id = self.request_id

        _model_held: str | Unset = UNSET if self.model is None else self.model
        model = _model_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "request_id": request_id,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in ("model",):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        status = d.pop("status")

        request_id = d.pop("request_id")

        model = d.pop("model", UNSET)

        batch_queued = cls(
            status=status,
            request_id=request_id,
            model=None if isinstance(model, Unset) else model,
        )

        batch_queued.additional_properties = d
        return batch_queued

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
