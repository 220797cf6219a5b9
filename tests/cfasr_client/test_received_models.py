"""What the client receives reads without `Unset`; what it sends keeps it.

scripts/templates/model.py.jinja types an optional member of a received model `X | None`, and
keeps `X | Unset` in the models marked `x-cfasr-sent` in openapi.yaml. These tests pin both
behaviours on the generated models, and check the marks against the spec's own request bodies
so that a new request schema cannot silently lose its `Unset`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from cfasr_client import models
from cfasr_client.models import (
    BatchItem,
    FluxConfigure,
    FluxConfigureSuccess,
    FluxTurnInfo,
    Nova3Alternative,
    Nova3Result,
    TurboResult,
)
from cfasr_client.types import UNSET

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"


def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


def _refs(node: object) -> set[str]:
    """Names of the component schemas `node` refers to, directly or nested."""
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def _closure(schemas: dict[str, Any], names: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs(schemas[name]) - seen)
    return seen


def _objects(schemas: dict[str, Any], names: set[str]) -> set[str]:
    """The names that become generated models (objects and allOf compositions, not enums)."""
    return {n for n in names if schemas[n].get("type") == "object" or "allOf" in schemas[n]}


def test_every_request_body_schema_is_marked_sent() -> None:
    spec = _spec()
    schemas = spec["components"]["schemas"]
    bodies: set[str] = set()
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                bodies |= _refs(operation["requestBody"])
    sent_by_body = _objects(schemas, _closure(schemas, bodies))
    assert sent_by_body, "no request body schema found"
    unmarked = sorted(n for n in sent_by_body if not schemas[n].get("x-cfasr-sent"))
    assert unmarked == []


def test_no_response_schema_is_marked_sent() -> None:
    spec = _spec()
    schemas = spec["components"]["schemas"]
    responses: set[str] = set()
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict):
                responses |= _refs(operation.get("responses", {}))
    responses |= _refs(spec["components"].get("responses", {}))
    received = _objects(schemas, _closure(schemas, responses))
    assert "Nova3Result" in received
    assert sorted(n for n in received if schemas[n].get("x-cfasr-sent")) == []


def _annotations(cls: type) -> dict[str, str]:
    return {field.name: str(field.type) for field in attrs.fields(cls)}


def test_received_models_never_type_a_member_unset() -> None:
    schemas = _spec()["components"]["schemas"]
    checked = 0
    for name, schema in schemas.items():
        if schema.get("x-cfasr-sent") or name not in _objects(schemas, {name}):
            continue
        cls = getattr(models, name)
        unset = [f for f, kind in _annotations(cls).items() if "Unset" in kind]
        assert unset == [], f"{name}: {unset}"
        checked += 1
    assert checked > 40


def test_a_sent_schema_reported_back_is_read_as_received() -> None:
    success = FluxConfigureSuccess.from_dict(
        {
            "type": "ConfigureSuccess",
            "request_id": "r",
            "sequence_id": 3,
            "thresholds": {"eot_threshold": 0.8},
            "keyterms": [],
        }
    )
    assert (success.thresholds.eot_threshold, success.thresholds.eager_eot_threshold) == (0.8, None)


def test_sent_models_keep_unset_for_an_omitted_member() -> None:
    configure = FluxConfigure(type_="Configure")
    assert configure.thresholds is UNSET
    assert configure.to_dict() == {"type": "Configure"}
    assert "Unset" in _annotations(FluxConfigure)["keyterms"]


def test_an_absent_member_reads_none_and_is_left_out_again() -> None:
    wire = {"results": {"channels": [{"alternatives": [{"transcript": "hi"}]}]}}
    result = Nova3Result.from_dict(wire)
    assert result.metadata is None
    alternatives = result.results.channels[0].alternatives
    assert alternatives is not None
    assert (alternatives[0].transcript, alternatives[0].confidence) == ("hi", None)
    assert result.to_dict() == wire


def test_a_null_member_reads_none_without_failing() -> None:
    alternative = Nova3Alternative.from_dict(
        {"transcript": "hi", "confidence": None, "paragraphs": None, "words": None}
    )
    assert (alternative.confidence, alternative.paragraphs, alternative.words) == (None, None, None)
    assert alternative.to_dict() == {"transcript": "hi"}


def test_a_member_the_spec_lets_be_null_is_written_back_as_null() -> None:
    item = BatchItem.from_dict({"id": 0, "success": True, "external_reference": None})
    assert item.external_reference is None
    assert item.to_dict() == {"id": 0, "success": True, "external_reference": None}


def test_required_members_are_plain_types() -> None:
    assert _annotations(TurboResult)["text"] == "str"
    assert _annotations(Nova3Result)["results"] == "Nova3Results"
    assert _annotations(FluxTurnInfo)["transcript"] == "str"


def test_a_result_missing_a_required_member_is_refused() -> None:
    with pytest.raises(KeyError):
        TurboResult.from_dict({"segments": []})
