"""Compare every operation's options in openapi.yaml with the vendored upstream schemas.

The upstream sources are pinned under ``spec-sources/`` (see its ``manifest.yaml``):
Cloudflare's per-model input schemas and Deepgram's ``openapi.yml`` (pre-recorded
``POST /v1/listen``) and ``asyncapi.yml`` (WebSocket ``/v1/listen`` and ``/v2/listen``). For
each operation the manifest names the upstreams that describe its options; every option is
compared with each of them on name, type (with repeatability), enum, bounds, pattern, default
and required. A difference is allowed only when the spec declares it:

- ``x-cfasr-departure: {fact: reason}`` on the parameter (or body property), where ``fact``
  is ``name``, ``type``, ``enum``, ``minimum``, ``maximum``, ``pattern``, ``default`` or
  ``required``;
- ``x-cfasr-omitted: {option: reason}`` on the operation, for an upstream option the spec
  leaves out.

A fact whose provenance (``x-cfasr-source``) is not a vendored schema (Cloudflare's docs,
Deepgram's docs) may state what the schemas leave unsaid; a fact marked ``emulator-limit`` is
the emulator's own and is not compared at all.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spec_options import operations
from spec_tree import load_spec

FACTS = ("type", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
FACTS += ("pattern", "default", "required")

_SPEC_KEYS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "pattern": "pattern",
}


@dataclass(frozen=True)
class Difference:
    """One fact on which the spec and an upstream schema disagree, undeclared."""

    operation: str
    option: str
    fact: str
    upstream: str
    spec_value: object
    upstream_value: object

    def __str__(self) -> str:
        return (
            f"{self.operation}: {self.option}: {self.fact}: openapi.yaml has "
            f"{_show(self.spec_value)}, {self.upstream} has {_show(self.upstream_value)}"
        )


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    return repr(value)


# ---- upstream schemas → facts ---------------------------------------------------------------


class _Doc:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node


def _schema_facts(doc: _Doc, node: Any, *, required: bool) -> dict[str, object]:
    """A JSON-schema node (maybe a oneOf of a scalar and its array) → comparable facts."""
    facts: dict[str, object] = {"required": True} if required else {}
    default = node.get("default") if isinstance(node, dict) else None
    schema = doc.resolve(node)
    if default is None:
        default = schema.get("default")
    members = [doc.resolve(m) for m in schema.get("oneOf", [])] or [schema]
    repeatable = False
    kinds: list[str] = []
    enum: set[str] = set()
    scalar: dict[str, Any] = {}
    for member in members:
        if member.get("type") == "array":
            repeatable = True
            member = doc.resolve(member.get("items", {}))
        if "type" in member:
            kinds.append(member["type"])
        enum.update(str(v) for v in member.get("enum", []))
        if default is None and "default" in member:
            default = member["default"]
        scalar = scalar or member
    kind = kinds[0] if kinds else None
    if enum == {"true", "false"}:
        kind, enum = "boolean", set()
    if kind is not None:
        facts["type"] = kind + ("[]" if repeatable else "")
    if enum:
        facts["enum"] = frozenset(enum)
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern"):
        if key in scalar:
            facts[key] = scalar[key]
    if default is not None:
        facts["default"] = default
    return facts


def cloudflare_options(path: Path) -> dict[str, dict[str, object]]:
    """The model options of one Cloudflare catalog file (its input schema minus the audio)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = _Doc(data)
    schema = data["schema"]["input"]
    objects = [m for m in schema.get("oneOf", [schema]) if m.get("type") == "object"]
    found: dict[str, dict[str, object]] = {}
    for obj in objects:
        required = set(obj.get("required", []))
        for name, node in obj.get("properties", {}).items():
            if name != "audio":
                found[name] = _schema_facts(doc, node, required=name in required)
    return found


def deepgram_openapi_options(path: Path, route: str) -> dict[str, dict[str, object]]:
    """The query parameters of Deepgram's pre-recorded ``POST route``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = _Doc(data)
    found: dict[str, dict[str, object]] = {}
    for node in data["paths"][route]["post"].get("parameters", []):
        param = doc.resolve(node)
        if param.get("in") == "query":
            found[param["name"]] = _schema_facts(
                doc, param.get("schema", {}), required=bool(param.get("required"))
            )
    return found


def deepgram_asyncapi_options(path: Path, channel: str) -> dict[str, dict[str, object]]:
    """The query parameters of one of Deepgram's WebSocket channels."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = _Doc(data)
    query = data["channels"][channel]["bindings"]["ws"]["query"]
    required = set(query.get("required", []))
    return {
        name: _schema_facts(doc, node, required=name in required)
        for name, node in query.get("properties", {}).items()
    }


def upstreams(root: Path) -> dict[str, list[tuple[str, dict[str, dict[str, object]]]]]:
    """operationId → [(upstream label, {option: facts})], as ``spec-sources/manifest.yaml``
    pairs them."""
    folder = root / "spec-sources"
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    loaded: dict[str, list[tuple[str, dict[str, dict[str, object]]]]] = {}
    for operation_id, sources in manifest["operations"].items():
        for source in sources:
            kind, _, where = str(source).partition(":")
            file = manifest["files"][kind if kind != "cloudflare-schema" else where]
            path = folder / file["vendored_as"]
            if kind == "cloudflare-schema":
                options = cloudflare_options(path)
                label = f"cloudflare-schema ({path.name})"
            elif kind == "deepgram-openapi":
                options = deepgram_openapi_options(path, where)
                label = f"deepgram-openapi (POST {where})"
            elif kind == "deepgram-asyncapi":
                options = deepgram_asyncapi_options(path, where)
                label = f"deepgram-asyncapi ({where})"
            else:
                raise ValueError(f"manifest: unknown source kind {kind!r} for {operation_id}")
            loaded.setdefault(operation_id, []).append((label, options))
    return loaded


# ---- the spec → facts -----------------------------------------------------------------------


def _spec_facts(param: dict[str, Any]) -> dict[str, object]:
    facts: dict[str, object] = {"required": True} if param.get("required") else {}
    emulator = dict(param.get("emulator_limits", ()))
    kind = param["item_kind"] if param["kind"] == "array" else param["kind"]
    enum = frozenset(param.get("enum") or ()) if "enum" not in emulator else frozenset()
    if enum == {"true", "false"}:
        kind, enum = "boolean", frozenset()
    facts["type"] = kind + ("[]" if param.get("repeatable") else "")
    if enum:
        facts["enum"] = enum
    for fact, key in _SPEC_KEYS.items():
        if param.get(key) is not None:
            facts[fact] = param[key]
    if param.get("has_default") and not param.get("client_default"):
        facts["default"] = param["default"]
    elif param.get("service_default") is not None:
        facts["default"] = param["service_default"]
    return facts


def _same(fact: str, ours: object, theirs: object) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if fact in ("type", "enum", "pattern", "required"):
        return ours == theirs
    return _text(ours) == _text(theirs)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        number = float(str(value))
    except ValueError:
        return str(value)
    return repr(number) if math.isfinite(number) else str(value)


def differences(spec_path: Path, root: Path, *, strict: bool = True) -> list[Difference]:
    """Every undeclared difference between openapi.yaml's options and the upstream schemas."""
    spec = load_spec(spec_path)
    found: list[Difference] = []
    omitted_by_op = _omitted(spec)
    sources = upstreams(root)
    for op in operations(spec, strict=strict):
        op_id = op["operation_id"]
        ups = sources.get(op_id, [])
        omitted = omitted_by_op.get(op_id, {})
        ours = {p["name"]: p for p in op["params"] if not p.get("internal")}
        for label, theirs in ups:
            for name in theirs.keys() - ours.keys():
                if name not in omitted:
                    found.append(Difference(op_id, name, "name", label, None, name))
        for name, param in ours.items():
            departures: dict[str, str] = param.get("_departure", {})
            present = [(label, theirs[name]) for label, theirs in ups if name in theirs]
            if not present:
                if "name" not in departures:
                    labels = ", ".join(label for label, _ in ups) or "no upstream schema"
                    found.append(Difference(op_id, name, "name", labels, name, None))
                continue
            facts = _spec_facts(param)
            param_sources: dict[str, str] = param.get("_source", {})
            for label, upstream in present:
                for fact in FACTS:
                    if fact in departures:
                        continue
                    mine, theirs_value = facts.get(fact), upstream.get(fact)
                    if fact == "type" and theirs_value is None:
                        continue  # Deepgram's "Any type": nothing stated
                    if theirs_value is None and mine is not None:
                        source = param_sources.get(fact, "")
                        if source.partition(":")[0] != label.partition(" ")[0]:
                            continue  # stated by another source, on which this one is silent
                    if not _same(fact, mine, theirs_value):
                        found.append(Difference(op_id, name, fact, label, mine, theirs_value))
    return found


def _omitted(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method in ("get", "post"):
                found[operation["operationId"]] = dict(operation.get("x-cfasr-omitted", {}))
    return found
