from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_analysis_info import Nova3AnalysisInfo
    from ..models.nova_3_metadata_extra import Nova3MetadataExtra
    from ..models.nova_3_metadata_model_info import Nova3MetadataModelInfo
    from ..models.nova_3_warning import Nova3Warning


T = TypeVar("T", bound="Nova3Metadata")


@_attrs_define
class Nova3Metadata:
    """Deepgram's request metadata. Cloudflare has been seen to omit parts of it, such as duration.

    Attributes:
        transaction_key (str | None): Deprecated.
        request_id (str | None): Request id.
        sha256 (str | None): SHA-256 of the audio.
        created (str | None): ISO 8601 time the request was received.
        duration (float | None): Length of the audio in seconds.
        channels (int | None): Number of channels.
        models (list[str] | None): Ids of the models used.
        model_info (Nova3MetadataModelInfo | None): Model details, keyed by model id.
        warnings (list[Nova3Warning] | None): Options accepted but not applied.
        extra (Nova3MetadataExtra | None): The `extra` options of the request echoed back: each `key:value` becomes a
            member `key` with the text after the first colon as its value. Deepgram's docs
            (developers.deepgram.com/docs/extra-metadata) describe it; Deepgram's response schema does not list it, whether
            Workers AI passes it on is unverified, and the cfasr emulator does not echo it.
        summary_info (Nova3AnalysisInfo | None): Which model ran an audio-intelligence feature (summary, sentiment,
            topics, intents) and what it consumed. Only loosely documented, so any further member is accepted.
        sentiment_info (Nova3AnalysisInfo | None): Which model ran an audio-intelligence feature (summary, sentiment,
            topics, intents) and what it consumed. Only loosely documented, so any further member is accepted.
        topics_info (Nova3AnalysisInfo | None): Which model ran an audio-intelligence feature (summary, sentiment,
            topics, intents) and what it consumed. Only loosely documented, so any further member is accepted.
        intents_info (Nova3AnalysisInfo | None): Which model ran an audio-intelligence feature (summary, sentiment,
            topics, intents) and what it consumed. Only loosely documented, so any further member is accepted.
    """

    transaction_key: str | None = None
    request_id: str | None = None
    sha256: str | None = None
    created: str | None = None
    duration: float | None = None
    channels: int | None = None
    models: list[str] | None = None
    model_info: Nova3MetadataModelInfo | None = None
    warnings: list[Nova3Warning] | None = None
    extra: Nova3MetadataExtra | None = None
    summary_info: Nova3AnalysisInfo | None = None
    sentiment_info: Nova3AnalysisInfo | None = None
    topics_info: Nova3AnalysisInfo | None = None
    intents_info: Nova3AnalysisInfo | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _transaction_key_held: str | Unset = (
            UNSET if self.transaction_key is None else self.transaction_key
        )
        transaction_key = _transaction_key_held

        _request_id_held: str | Unset = (
            UNSET if self.request_id is None else self.request_id
        )
        request_id = _request_id_held

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

        _models_held: list[str] | Unset = UNSET if self.models is None else self.models
        models: list[str] | Unset = UNSET
        if not isinstance(_models_held, Unset):
            models = _models_held

        _model_info_held: Nova3MetadataModelInfo | Unset = (
            UNSET if self.model_info is None else self.model_info
        )
        model_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_model_info_held, Unset):
            model_info = _model_info_held.to_dict()

        _warnings_held: list[Nova3Warning] | Unset = (
            UNSET if self.warnings is None else self.warnings
        )
        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_warnings_held, Unset):
            warnings = []
            for warnings_item_data in _warnings_held:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)

        _extra_held: Nova3MetadataExtra | Unset = (
            UNSET if self.extra is None else self.extra
        )
        extra: dict[str, Any] | Unset = UNSET
        if not isinstance(_extra_held, Unset):
            extra = _extra_held.to_dict()

        _summary_info_held: Nova3AnalysisInfo | Unset = (
            UNSET if self.summary_info is None else self.summary_info
        )
        summary_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_summary_info_held, Unset):
            summary_info = _summary_info_held.to_dict()

        _sentiment_info_held: Nova3AnalysisInfo | Unset = (
            UNSET if self.sentiment_info is None else self.sentiment_info
        )
        sentiment_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_sentiment_info_held, Unset):
            sentiment_info = _sentiment_info_held.to_dict()

        _topics_info_held: Nova3AnalysisInfo | Unset = (
            UNSET if self.topics_info is None else self.topics_info
        )
        topics_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_topics_info_held, Unset):
            topics_info = _topics_info_held.to_dict()

        _intents_info_held: Nova3AnalysisInfo | Unset = (
            UNSET if self.intents_info is None else self.intents_info
        )
        intents_info: dict[str, Any] | Unset = UNSET
        if not isinstance(_intents_info_held, Unset):
            intents_info = _intents_info_held.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if transaction_key is not UNSET:
            field_dict["transaction_key"] = transaction_key
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256
        if created is not UNSET:
            field_dict["created"] = created
        if duration is not UNSET:
            field_dict["duration"] = duration
        if channels is not UNSET:
            field_dict["channels"] = channels
        if models is not UNSET:
            field_dict["models"] = models
        if model_info is not UNSET:
            field_dict["model_info"] = model_info
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if extra is not UNSET:
            field_dict["extra"] = extra
        if summary_info is not UNSET:
            field_dict["summary_info"] = summary_info
        if sentiment_info is not UNSET:
            field_dict["sentiment_info"] = sentiment_info
        if topics_info is not UNSET:
            field_dict["topics_info"] = topics_info
        if intents_info is not UNSET:
            field_dict["intents_info"] = intents_info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_analysis_info import Nova3AnalysisInfo
        from ..models.nova_3_metadata_extra import Nova3MetadataExtra
        from ..models.nova_3_metadata_model_info import Nova3MetadataModelInfo
        from ..models.nova_3_warning import Nova3Warning

        d = dict(src_dict)
        for null_key in (
            "transaction_key",
            "request_id",
            "sha256",
            "created",
            "duration",
            "channels",
            "models",
            "model_info",
            "warnings",
            "extra",
            "summary_info",
            "sentiment_info",
            "topics_info",
            "intents_info",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        transaction_key = d.pop("transaction_key", UNSET)

        request_id = d.pop("request_id", UNSET)

        sha256 = d.pop("sha256", UNSET)

        created = d.pop("created", UNSET)

        duration = d.pop("duration", UNSET)

        channels = d.pop("channels", UNSET)

        models = cast(list[str], d.pop("models", UNSET))

        _model_info = d.pop("model_info", UNSET)
        model_info: Nova3MetadataModelInfo | Unset
        if isinstance(_model_info, Unset):
            model_info = UNSET
        else:
            model_info = Nova3MetadataModelInfo.from_dict(_model_info)

        _warnings = d.pop("warnings", UNSET)
        warnings: list[Nova3Warning] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = Nova3Warning.from_dict(warnings_item_data)

                warnings.append(warnings_item)

        _extra = d.pop("extra", UNSET)
        extra: Nova3MetadataExtra | Unset
        if isinstance(_extra, Unset):
            extra = UNSET
        else:
            extra = Nova3MetadataExtra.from_dict(_extra)

        _summary_info = d.pop("summary_info", UNSET)
        summary_info: Nova3AnalysisInfo | Unset
        if isinstance(_summary_info, Unset):
            summary_info = UNSET
        else:
            summary_info = Nova3AnalysisInfo.from_dict(_summary_info)

        _sentiment_info = d.pop("sentiment_info", UNSET)
        sentiment_info: Nova3AnalysisInfo | Unset
        if isinstance(_sentiment_info, Unset):
            sentiment_info = UNSET
        else:
            sentiment_info = Nova3AnalysisInfo.from_dict(_sentiment_info)

        _topics_info = d.pop("topics_info", UNSET)
        topics_info: Nova3AnalysisInfo | Unset
        if isinstance(_topics_info, Unset):
            topics_info = UNSET
        else:
            topics_info = Nova3AnalysisInfo.from_dict(_topics_info)

        _intents_info = d.pop("intents_info", UNSET)
        intents_info: Nova3AnalysisInfo | Unset
        if isinstance(_intents_info, Unset):
            intents_info = UNSET
        else:
            intents_info = Nova3AnalysisInfo.from_dict(_intents_info)

        nova_3_metadata = cls(
            transaction_key=None
            if isinstance(transaction_key, Unset)
            else transaction_key,
            request_id=None if isinstance(request_id, Unset) else request_id,
            sha256=None if isinstance(sha256, Unset) else sha256,
            created=None if isinstance(created, Unset) else created,
            duration=None if isinstance(duration, Unset) else duration,
            channels=None if isinstance(channels, Unset) else channels,
            models=None if isinstance(models, Unset) else models,
            model_info=None if isinstance(model_info, Unset) else model_info,
            warnings=None if isinstance(warnings, Unset) else warnings,
            extra=None if isinstance(extra, Unset) else extra,
            summary_info=None if isinstance(summary_info, Unset) else summary_info,
            sentiment_info=None
            if isinstance(sentiment_info, Unset)
            else sentiment_info,
            topics_info=None if isinstance(topics_info, Unset) else topics_info,
            intents_info=None if isinstance(intents_info, Unset) else intents_info,
        )

        nova_3_metadata.additional_properties = d
        return nova_3_metadata

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
