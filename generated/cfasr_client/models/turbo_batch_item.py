from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.turbo_task import TurboTask
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.request_options import RequestOptions


T = TypeVar("T", bound="TurboBatchItem")


@_attrs_define
class TurboBatchItem:
    """One input of a turbo batch, optionally with your reference for it.

    Attributes:
        audio (str): The whole audio file, base64-encoded.
        task (TurboTask | Unset): Transcribe in the spoken language, or translate to English.
        language (str | Unset): ISO 639-1 code of the spoken language; omit it to detect the language. The emulator
            refuses a code its Whisper does not know. Example: en.
        vad_filter (bool | Unset): Drop silence with voice-activity detection before decoding. Default: False.
        initial_prompt (str | Unset): Text that steers vocabulary and style for the first window.
        prefix (str | Unset): Text the transcript of the first window must start with.
        beam_size (int | Unset): Beam-search width; wider is slower and sometimes more accurate. Default: 5.
        condition_on_previous_text (bool | Unset): Use the previous window's text as context; turn off to break
            repetition loops. Default: True.
        no_speech_threshold (float | Unset): Drop segments whose no-speech probability is above this. Default: 0.6.
        compression_ratio_threshold (float | Unset): Treat segments that compress better than this (repetitive text) as
            failed. Default: 2.4.
        log_prob_threshold (float | Unset): Treat segments whose average log probability is below this as failed.
            Default: -1.0.
        hallucination_silence_threshold (float | Unset): Skip silences longer than this many seconds when a
            hallucination is suspected.
        options (RequestOptions | Unset): Settings of the request rather than of the model, carried as `options` in a
            JSON body. Workers AI documents them for every model; that they act on the speech models is an inference. A raw-
            audio body (nova-3, or whisper's binary form) has nowhere to put them. Other members are passed through.
        external_reference (str | Unset): Your own id for this item, returned with its response so results can be
            matched to inputs.
    """

    audio: str
    task: TurboTask | Unset = UNSET
    language: str | Unset = UNSET
    vad_filter: bool | Unset = False
    initial_prompt: str | Unset = UNSET
    prefix: str | Unset = UNSET
    beam_size: int | Unset = 5
    condition_on_previous_text: bool | Unset = True
    no_speech_threshold: float | Unset = 0.6
    compression_ratio_threshold: float | Unset = 2.4
    log_prob_threshold: float | Unset = -1.0
    hallucination_silence_threshold: float | Unset = UNSET
    options: RequestOptions | Unset = UNSET
    external_reference: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audio = self.audio

        task: str | Unset = UNSET
        if not isinstance(self.task, Unset):
            task = self.task.value

        language = self.language

        vad_filter = self.vad_filter

        initial_prompt = self.initial_prompt

        prefix = self.prefix

        beam_size = self.beam_size

        condition_on_previous_text = self.condition_on_previous_text

        no_speech_threshold = self.no_speech_threshold

        compression_ratio_threshold = self.compression_ratio_threshold

        log_prob_threshold = self.log_prob_threshold

        hallucination_silence_threshold = self.hallucination_silence_threshold

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        external_reference = self.external_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audio": audio,
            }
        )
        if task is not UNSET:
            field_dict["task"] = task
        if language is not UNSET:
            field_dict["language"] = language
        if vad_filter is not UNSET:
            field_dict["vad_filter"] = vad_filter
        if initial_prompt is not UNSET:
            field_dict["initial_prompt"] = initial_prompt
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if beam_size is not UNSET:
            field_dict["beam_size"] = beam_size
        if condition_on_previous_text is not UNSET:
            field_dict["condition_on_previous_text"] = condition_on_previous_text
        if no_speech_threshold is not UNSET:
            field_dict["no_speech_threshold"] = no_speech_threshold
        if compression_ratio_threshold is not UNSET:
            field_dict["compression_ratio_threshold"] = compression_ratio_threshold
        if log_prob_threshold is not UNSET:
            field_dict["log_prob_threshold"] = log_prob_threshold
        if hallucination_silence_threshold is not UNSET:
            field_dict["hallucination_silence_threshold"] = (
                hallucination_silence_threshold
            )
        if options is not UNSET:
            field_dict["options"] = options
        if external_reference is not UNSET:
            field_dict["external_reference"] = external_reference

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.request_options import RequestOptions

        d = dict(src_dict)
        audio = d.pop("audio")

        _task = d.pop("task", UNSET)
        task: TurboTask | Unset
        if isinstance(_task, Unset):
            task = UNSET
        else:
            task = TurboTask(_task)

        language = d.pop("language", UNSET)

        vad_filter = d.pop("vad_filter", UNSET)

        initial_prompt = d.pop("initial_prompt", UNSET)

        prefix = d.pop("prefix", UNSET)

        beam_size = d.pop("beam_size", UNSET)

        condition_on_previous_text = d.pop("condition_on_previous_text", UNSET)

        no_speech_threshold = d.pop("no_speech_threshold", UNSET)

        compression_ratio_threshold = d.pop("compression_ratio_threshold", UNSET)

        log_prob_threshold = d.pop("log_prob_threshold", UNSET)

        hallucination_silence_threshold = d.pop(
            "hallucination_silence_threshold", UNSET
        )

        _options = d.pop("options", UNSET)
        options: RequestOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = RequestOptions.from_dict(_options)

        external_reference = d.pop("external_reference", UNSET)

        turbo_batch_item = cls(
            audio=audio,
            task=task,
            language=language,
            vad_filter=vad_filter,
            initial_prompt=initial_prompt,
            prefix=prefix,
            beam_size=beam_size,
            condition_on_previous_text=condition_on_previous_text,
            no_speech_threshold=no_speech_threshold,
            compression_ratio_threshold=compression_ratio_threshold,
            log_prob_threshold=log_prob_threshold,
            hallucination_silence_threshold=hallucination_silence_threshold,
            options=options,
            external_reference=external_reference,
        )

        turbo_batch_item.additional_properties = d
        return turbo_batch_item

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
