from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Nova3MetadataMessage")


@_attrs_define
class Nova3MetadataMessage:
    """Server message summarising the session, sent last after CloseStream.

    Attributes:
        type_ (Literal['Metadata']): Message type.
        request_id (str): Session request id.
        transaction_key (str | None): Deprecated.
        sha256 (str | None): SHA-256 of the audio received.
        created (str | None): ISO 8601 start time.
        duration (float | None): Seconds of audio received.
        channels (int | None): Number of channels.
    """

    type_: Literal["Metadata"]
    request_id: str
    transaction_key: str | None = None
    sha256: str | None = None
    created: str | None = None
    duration: float | None = None
    channels: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        request_id = self.request_id

        _transaction_key_held: str | Unset = (
            UNSET if self.transaction_key is None else self.transaction_key
        )
        transaction_key = _transaction_key_held

        _sha256_held: str | Unset = UNSET if self.sha256 is None else self.sha256
        sha256 = _sha256_held

        _created_held: str | Unset = UNSET if self.created is None else self.created
        created = _created_held

        _duration_held: float | Unset = (
            UNSET if self.duration is None else self.duration
        )
        duration = _duration_held

        _channels_held: int | Unset = UNSET if self.channels is None else self.channels
        channels = _channels_held

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "request_id": request_id,
            }
        )
        if transaction_key is not UNSET:
            field_dict["transaction_key"] = transaction_key
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256
        if created is not UNSET:
            field_dict["created"] = created
        if duration is not UNSET:
            field_dict["duration"] = duration
        if channels is not UNSET:
            field_dict["channels"] = channels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        for null_key in (
            "transaction_key",
            "sha256",
            "created",
            "duration",
            "channels",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        type_ = cast(Literal["Metadata"], d.pop("type"))
        if type_ != "Metadata":
            raise ValueError(f"type must match const 'Metadata', got '{type_}'")

        request_id = d.pop("request_id")

        transaction_key = d.pop("transaction_key", UNSET)

        sha256 = d.pop("sha256", UNSET)

        created = d.pop("created", UNSET)

        duration = d.pop("duration", UNSET)

        channels = d.pop("channels", UNSET)

        nova_3_metadata_message = cls(
            type_=type_,
            request_id=request_id,
            transaction_key=None
            if isinstance(transaction_key, Unset)
            else transaction_key,
            sha256=None if isinstance(sha256, Unset) else sha256,
            created=None if isinstance(created, Unset) else created,
            duration=None if isinstance(duration, Unset) else duration,
            channels=None if isinstance(channels, Unset) else channels,
        )

        nova_3_metadata_message.additional_properties = d
        return nova_3_metadata_message

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
