from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flux_encoding import FluxEncoding
from ..models.flux_input_mip_opt_out import FluxInputMipOptOut
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.request_options import RequestOptions


T = TypeVar("T", bound="FluxInput")


@_attrs_define
class FluxInput:
    """Flux configuration as Cloudflare's schema lists it for the REST POST. It carries no audio.

    Attributes:
        encoding (FluxEncoding): Flux audio encoding; Workers AI takes linear16 only.
        sample_rate (str): Sample rate in Hz, as digits. Cloudflare requires it and states no default.
        eager_eot_threshold (str | Unset): Eager end-of-turn confidence as a decimal string, 0.3-0.9.
        eot_threshold (str | Unset): End-of-turn confidence as a decimal string, 0.5-0.9 (default 0.7).
        eot_timeout_ms (str | Unset): End-of-turn timeout in milliseconds as digits (default 5000). Deepgram's WebSocket
            range is 500-60000; Cloudflare's schema checks digits only.
        keyterm (str | Unset): A term to boost.
        mip_opt_out (FluxInputMipOptOut | Unset): Opt out of Deepgram's model improvement program (default false).
        tag (str | Unset): Label for usage reporting.
        options (RequestOptions | Unset): Settings of the request rather than of the model, carried as `options` in a
            JSON body. Workers AI documents them for every model; that they act on the speech models is an inference. A raw-
            audio body (nova-3, or whisper's binary form) has nowhere to put them. Other members are passed through.
    """

    encoding: FluxEncoding
    sample_rate: str
    eager_eot_threshold: str | Unset = UNSET
    eot_threshold: str | Unset = UNSET
    eot_timeout_ms: str | Unset = UNSET
    keyterm: str | Unset = UNSET
    mip_opt_out: FluxInputMipOptOut | Unset = UNSET
    tag: str | Unset = UNSET
    options: RequestOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        encoding = self.encoding.value

        sample_rate = self.sample_rate

        eager_eot_threshold = self.eager_eot_threshold

        eot_threshold = self.eot_threshold

        eot_timeout_ms = self.eot_timeout_ms

        keyterm = self.keyterm

        mip_opt_out: str | Unset = UNSET
        if not isinstance(self.mip_opt_out, Unset):
            mip_opt_out = self.mip_opt_out.value

        tag = self.tag

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "encoding": encoding,
                "sample_rate": sample_rate,
            }
        )
        if eager_eot_threshold is not UNSET:
            field_dict["eager_eot_threshold"] = eager_eot_threshold
        if eot_threshold is not UNSET:
            field_dict["eot_threshold"] = eot_threshold
        if eot_timeout_ms is not UNSET:
            field_dict["eot_timeout_ms"] = eot_timeout_ms
        if keyterm is not UNSET:
            field_dict["keyterm"] = keyterm
        if mip_opt_out is not UNSET:
            field_dict["mip_opt_out"] = mip_opt_out
        if tag is not UNSET:
            field_dict["tag"] = tag
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.request_options import RequestOptions

        d = dict(src_dict)
        encoding = FluxEncoding(d.pop("encoding"))

        sample_rate = d.pop("sample_rate")

        eager_eot_threshold = d.pop("eager_eot_threshold", UNSET)

        eot_threshold = d.pop("eot_threshold", UNSET)

        eot_timeout_ms = d.pop("eot_timeout_ms", UNSET)

        keyterm = d.pop("keyterm", UNSET)

        _mip_opt_out = d.pop("mip_opt_out", UNSET)
        mip_opt_out: FluxInputMipOptOut | Unset
        if isinstance(_mip_opt_out, Unset):
            mip_opt_out = UNSET
        else:
            mip_opt_out = FluxInputMipOptOut(_mip_opt_out)

        tag = d.pop("tag", UNSET)

        _options = d.pop("options", UNSET)
        options: RequestOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = RequestOptions.from_dict(_options)

        flux_input = cls(
            encoding=encoding,
            sample_rate=sample_rate,
            eager_eot_threshold=eager_eot_threshold,
            eot_threshold=eot_threshold,
            eot_timeout_ms=eot_timeout_ms,
            keyterm=keyterm,
            mip_opt_out=mip_opt_out,
            tag=tag,
            options=options,
        )

        flux_input.additional_properties = d
        return flux_input

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
