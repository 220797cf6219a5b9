from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_channel import Nova3Channel
    from ..models.nova_3_intents import Nova3Intents
    from ..models.nova_3_sentiments import Nova3Sentiments
    from ..models.nova_3_summary import Nova3Summary
    from ..models.nova_3_topics import Nova3Topics
    from ..models.nova_3_utterance import Nova3Utterance


T = TypeVar("T", bound="Nova3Results")


@_attrs_define
class Nova3Results:
    """The transcription results of a pre-recorded request.

    Attributes:
        channels (list[Nova3Channel]): One entry per channel (one unless multichannel).
        utterances (list[Nova3Utterance] | None): Utterances when utterances is on.
        summary (Nova3Summary | None): A summary of the transcript.
        sentiments (Nova3Sentiments | None): Sentiment analysis when sentiment is on.
        topics (Nova3Topics | None): Topic detection over the whole transcript, when topics (or custom_topic) is on.
        intents (Nova3Intents | None): Intent recognition over the whole transcript, when intents (or custom_intent) is
            on.
    """

    channels: list[Nova3Channel]
    utterances: list[Nova3Utterance] | None = None
    summary: Nova3Summary | None = None
    sentiments: Nova3Sentiments | None = None
    topics: Nova3Topics | None = None
    intents: Nova3Intents | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.to_dict()
            channels.append(channels_item)

        _utterances_held: list[Nova3Utterance] | Unset = (
            UNSET if self.utterances is None else self.utterances
        )
        utterances: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_utterances_held, Unset):
            utterances = []
            for utterances_item_data in _utterances_held:
                utterances_item = utterances_item_data.to_dict()
                utterances.append(utterances_item)

        _summary_held: Nova3Summary | Unset = (
            UNSET if self.summary is None else self.summary
        )
        summary: dict[str, Any] | Unset = UNSET
        if not isinstance(_summary_held, Unset):
            summary = _summary_held.to_dict()

        _sentiments_held: Nova3Sentiments | Unset = (
            UNSET if self.sentiments is None else self.sentiments
        )
        sentiments: dict[str, Any] | Unset = UNSET
        if not isinstance(_sentiments_held, Unset):
            sentiments = _sentiments_held.to_dict()

        _topics_held: Nova3Topics | Unset = (
            UNSET if self.topics is None else self.topics
        )
        topics: dict[str, Any] | Unset = UNSET
        if not isinstance(_topics_held, Unset):
            topics = _topics_held.to_dict()

        _intents_held: Nova3Intents | Unset = (
            UNSET if self.intents is None else self.intents
        )
        intents: dict[str, Any] | Unset = UNSET
        if not isinstance(_intents_held, Unset):
            intents = _intents_held.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channels": channels,
            }
        )
        if utterances is not UNSET:
            field_dict["utterances"] = utterances
        if summary is not UNSET:
            field_dict["summary"] = summary
        if sentiments is not UNSET:
            field_dict["sentiments"] = sentiments
        if topics is not UNSET:
            field_dict["topics"] = topics
        if intents is not UNSET:
            field_dict["intents"] = intents

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_channel import Nova3Channel
        from ..models.nova_3_intents import Nova3Intents
        from ..models.nova_3_sentiments import Nova3Sentiments
        from ..models.nova_3_summary import Nova3Summary
        from ..models.nova_3_topics import Nova3Topics
        from ..models.nova_3_utterance import Nova3Utterance

        d = dict(src_dict)
        for null_key in (
            "utterances",
            "summary",
            "sentiments",
            "topics",
            "intents",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = Nova3Channel.from_dict(channels_item_data)

            channels.append(channels_item)

        _utterances = d.pop("utterances", UNSET)
        utterances: list[Nova3Utterance] | Unset = UNSET
        if _utterances is not UNSET:
            utterances = []
            for utterances_item_data in _utterances:
                utterances_item = Nova3Utterance.from_dict(utterances_item_data)

                utterances.append(utterances_item)

        _summary = d.pop("summary", UNSET)
        summary: Nova3Summary | Unset
        if isinstance(_summary, Unset):
            summary = UNSET
        else:
            summary = Nova3Summary.from_dict(_summary)

        _sentiments = d.pop("sentiments", UNSET)
        sentiments: Nova3Sentiments | Unset
        if isinstance(_sentiments, Unset):
            sentiments = UNSET
        else:
            sentiments = Nova3Sentiments.from_dict(_sentiments)

        _topics = d.pop("topics", UNSET)
        topics: Nova3Topics | Unset
        if isinstance(_topics, Unset):
            topics = UNSET
        else:
            topics = Nova3Topics.from_dict(_topics)

        _intents = d.pop("intents", UNSET)
        intents: Nova3Intents | Unset
        if isinstance(_intents, Unset):
            intents = UNSET
        else:
            intents = Nova3Intents.from_dict(_intents)

        nova_3_results = cls(
            channels=channels,
            utterances=None if isinstance(utterances, Unset) else utterances,
            summary=None if isinstance(summary, Unset) else summary,
            sentiments=None if isinstance(sentiments, Unset) else sentiments,
            topics=None if isinstance(topics, Unset) else topics,
            intents=None if isinstance(intents, Unset) else intents,
        )

        nova_3_results.additional_properties = d
        return nova_3_results

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
