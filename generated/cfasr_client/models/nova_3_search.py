from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nova_3_search_hit import Nova3SearchHit


T = TypeVar("T", bound="Nova3Search")


@_attrs_define
class Nova3Search:
    """The hits of one `search` term in one channel.

    Attributes:
        query (str | None): The term searched for.
        hits (list[Nova3SearchHit] | None): Where it was heard, best match first.
    """

    query: str | None = None
    hits: list[Nova3SearchHit] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        _query_held: str | Unset = UNSET if self.query is None else self.query
        query = _query_held

        _hits_held: list[Nova3SearchHit] | Unset = (
            UNSET if self.hits is None else self.hits
        )
        hits: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(_hits_held, Unset):
            hits = []
            for hits_item_data in _hits_held:
                hits_item = hits_item_data.to_dict()
                hits.append(hits_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if query is not UNSET:
            field_dict["query"] = query
        if hits is not UNSET:
            field_dict["hits"] = hits

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nova_3_search_hit import Nova3SearchHit

        d = dict(src_dict)
        for null_key in (
            "query",
            "hits",
        ):  # null reads as absent
            if d.get(null_key) is None:
                d.pop(null_key, None)
        query = d.pop("query", UNSET)

        _hits = d.pop("hits", UNSET)
        hits: list[Nova3SearchHit] | Unset = UNSET
        if _hits is not UNSET:
            hits = []
            for hits_item_data in _hits:
                hits_item = Nova3SearchHit.from_dict(hits_item_data)

                hits.append(hits_item)

        nova_3_search = cls(
            query=None if isinstance(query, Unset) else query,
            hits=None if isinstance(hits, Unset) else hits,
        )

        nova_3_search.additional_properties = d
        return nova_3_search

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
