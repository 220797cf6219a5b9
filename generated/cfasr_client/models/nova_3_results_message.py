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
    from ..models.nova_3_entity import Nova3Entity
    from ..models.nova_3_stream_channel import Nova3StreamChannel
    from ..models.nova_3_stream_metadata import Nova3StreamMetadata


T = TypeVar("T", bound="Nova3ResultsMessage")


@_attrs_define
class Nova3ResultsMessage:
    """Server message with one transcription update. `is_final` means the span will not change; `speech_final` means a
    pause ended the speech.

        Attributes:
            type_ (Literal['Results']): Message type.
            channel_index (list[int]): [channel index, channel count].
            duration (float): Length of this span in seconds.
            start (float): Start of this span in seconds.
            channel (Nova3StreamChannel): The channel a streaming result belongs to.
            is_final (bool | None): The span will not change any more.
            speech_final (bool | None): An endpoint (pause) was detected after it.
            from_finalize (bool | None): Produced by a Finalize request.
            metadata (Nova3StreamMetadata | None): Model details attached to each streaming result.
            entities (list[Nova3Entity] | None): Entities in this span; only on final results, and only with
                detect_entities.
    """

    type_: Literal["Results"]
    channel_index: list[int]
    duration: float
    start: float
    channel: Nova3StreamChannel
    is_final: bool | None = None
    speech_final: bool | None = None
    from_finalize: bool | None = None
    metadata: Nova3StreamMetadata | None = None
    entities: list[Nova3Entity] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        channel_index = self.channel_index

        duration = self.duration

        start = self.start

        channel = self.channel.to_dict()

        _is_final_held: bool | Unset = UNSET if self.is_final is None else self.is_final
        is_final = _is_final_held

        _speech_final_held: bool | Unset = (
            UNSET if self.speech_final is None else self.speech_final
        )
        speech_final = _speech_final_held

        _from_finalize_held: bool | Unset = (
            UNSET if self.from_finalize is None else self.from_finalize
        )
        from_finalize = _from_finalize_held

        _metadata_held: Nova3StreamMetadata | Unset = (
            UNSET if self.metadata is None else self.metadata
        )
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(_metadata_held, Unset):
            metadata = _metadata_held.to_dict()

        _entities_held: list[Nova3Entity] | Unset = (
            UNSET if self.entities is None else self.entities
        )
        entities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_entities_held, Unset):
            entities = []
            for entities_item_data in _entities_held:
                entities_item = entities_item_data.to_dict()
                entities.append(entities_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "channel_index": channel_index,
                "duration": duration,
                "start": start,
                "channel": channel,
            }
        )
        if is_final is not UNSET:
            field_dict["is_final"] = is_final
        if speech_final is not UNSET:
            field_dict["speech_final"] = speech_final
        if from_finalize is not UNSET:
            field_dict["from_finalize"] = from_finalize
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if entities is not UNSET:
            field_dict["entities"] = entities

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_entity import Nova3Entity
        from ..models.nova_3_stream_channel import Nova3StreamChannel
        from ..models.nova_3_stream_metadata import Nova3StreamMetadata

        d = dict(src_dict)
        for null_key in (
            "is_final",
            "speech_final",
            "from_finalize",
            "metadata",
            "entities",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        type_ = cast(Literal["Results"], d.pop("type"))
        if type_ != "Results":
            raise ValueError(f"type must match const 'Results', got '{type_}'")

        channel_index = cast(list[int], d.pop("channel_index"))

        duration = d.pop("duration")

        start = d.pop("start")

        channel = Nova3StreamChannel.from_dict(d.pop("channel"))

        is_final = d.pop("is_final", UNSET)

        speech_final = d.pop("speech_final", UNSET)

        from_finalize = d.pop("from_finalize", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Nova3StreamMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Nova3StreamMetadata.from_dict(_metadata)

        _entities = d.pop("entities", UNSET)
        entities: list[Nova3Entity] | Unset = UNSET
        if _entities is not UNSET:
            entities = []
            for entities_item_data in _entities:
                entities_item = Nova3Entity.from_dict(entities_item_data)

                entities.append(entities_item)

        nova_3_results_message = cls(
            type_=type_,
            channel_index=channel_index,
            duration=duration,
            start=start,
            channel=channel,
            is_final=None if isinstance(is_final, Unset) else is_final,
            speech_final=None if isinstance(speech_final, Unset) else speech_final,
            from_finalize=None if isinstance(from_finalize, Unset) else from_finalize,
            metadata=None if isinstance(metadata, Unset) else metadata,
            entities=None if isinstance(entities, Unset) else entities,
        )

        nova_3_results_message.additional_properties = d
        return nova_3_results_message

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
