"""openapi.yaml → plain data: every operation with its options, the AI Gateway headers and
the emulator's own limits, each fact with its provenance.

The one reader of the spec's options: the contract's Python modules (``generate_catalog``,
``generate_options``, ``generate_params``), the SDK's operation layer
(``generate_operations``), the reference pages (``generate_pages``) and the drift check
(``drift``) all work from the dicts it returns, never from the YAML itself.
"""

from __future__ import annotations

from typing import Any

import spec_body_kinds
from spec_provenance import (
    EMULATOR_LIMIT,
    SCHEMA_SOURCES,
    ProvenanceError,
    apply_provenance,
    valid_source,
)
from spec_tree import Resolver, one_line

__all__ = [
    "LIMIT_KEYS",
    "RUN_MARKER",
    "SERVICE_LIMIT_KEYS",
    "emulator_limits",
    "gateway_headers",
    "operations",
    "service_limits",
]

RUN_MARKER = "/ai/run/"


def _param_fields(
    res: Resolver,
    name: str,
    location: str,
    schema_node: Any,
    description: str,
    extra: dict[str, Any],
    *,
    strict: bool = True,
) -> dict[str, Any]:
    schema = res.resolve(schema_node)
    fields: dict[str, Any] = {"name": name, "location": location}
    kind = schema.get("type", "string")
    enum_ref = None
    if kind == "array":
        items_node = schema.get("items", {})
        items = res.resolve(items_node)
        fields["item_kind"] = items.get("type", "string")
        fields["repeatable"] = True
        if "maxItems" in schema:
            fields["max_items"] = schema["maxItems"]
        if items.get("enum"):
            enum_ref = res.ref_name(items_node)
        schema_for_rules = items
    else:
        if schema.get("enum"):
            enum_ref = res.ref_name(schema_node)
        schema_for_rules = schema
    fields["kind"] = kind
    fields["description"] = one_line(description or schema.get("description"))
    if schema_for_rules.get("enum"):
        fields["enum"] = tuple(str(v) for v in schema_for_rules["enum"])
    for key, target in (
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("exclusiveMinimum", "exclusive_minimum"),
        ("exclusiveMaximum", "exclusive_maximum"),
        ("pattern", "pattern"),
        ("minLength", "min_length"),
        ("maxLength", "max_length"),
    ):
        if key in schema_for_rules:
            fields[target] = schema_for_rules[key]
    default_holder = (
        schema_node if isinstance(schema_node, dict) and "default" in schema_node else schema
    )
    if "default" in default_holder:
        fields["has_default"] = True
        fields["default"] = default_holder["default"]
    if extra.get("required"):
        fields["required"] = True
    if extra.get("deprecated"):
        fields["deprecated"] = True
    rules = extra.get("x-cfasr-required-when") or schema.get("x-cfasr-required-when")
    if rules:
        fields["required_when"] = tuple(
            (other, tuple(str(v) for v in values)) for other, values in rules.items()
        )
    needs = extra.get("x-cfasr-needs")
    if needs:
        fields["needs"] = tuple(
            (other, tuple(str(v) for v in values)) for other, values in needs.items()
        )
    for holder in (extra, schema_node, schema):
        if isinstance(holder, dict) and "x-cfasr-service-default" in holder:
            fields["service_default"] = holder["x-cfasr-service-default"]
            break
    for holder in (extra, schema_node, schema):
        if isinstance(holder, dict) and "x-cfasr-client-default" in holder:
            # cfasr's SDK sends this when the caller gives nothing; the service states none.
            fields["has_default"] = True
            fields["default"] = holder["x-cfasr-client-default"]
            fields["client_default"] = True
            break
    example = extra.get("example", schema.get("example"))
    if example is not None:
        fields["example"] = str(example)
    if extra.get("x-cfasr-internal"):
        fields["internal"] = True
    refused = extra.get("x-cfasr-refused")
    if refused:
        fields["refused"] = one_line(refused)
    answer = extra.get("x-cfasr-service-answer")
    if answer:
        fields["service_answer"] = one_line(answer)
    fields["_enum_class"] = enum_ref
    holders = [extra, schema_node, schema]
    if kind == "array":
        holders += [schema.get("items"), res.resolve(schema.get("items", {}))]
    apply_provenance(fields, holders, where=name, strict=strict)
    return fields


def _options_schema(res: Resolver, operation: dict[str, Any]) -> dict[str, Any] | None:
    body = operation.get("requestBody")
    if not body:
        return None
    content = res.resolve(body).get("content", {})
    json_media = content.get("application/json")
    if not json_media:
        return None
    schema = res.resolve(json_media["schema"])
    if "oneOf" not in schema:
        return schema
    # The options are those of the single-input form; batch submissions (`requests`) and
    # polls (`request_id`) carry no option of their own. nova-3's JSON body has only those.
    for member in schema["oneOf"]:
        candidate = res.resolve(member)
        if not {"requests", "request_id"} & set(candidate.get("properties", {})):
            return candidate
    return None


def _takes_audio(res: Resolver, operation: dict[str, Any]) -> bool:
    """Whether the request body carries audio: a raw body, or JSON with an `audio` field."""
    body = operation.get("requestBody")
    if not body:
        return False
    content = res.resolve(body).get("content", {})
    if any(not media.startswith("application/json") for media in content):
        return True
    schema = _options_schema(res, operation)
    return schema is not None and "audio" in schema.get("properties", {})


def operations(spec: dict[str, Any], *, strict: bool = True) -> list[dict[str, Any]]:
    """Every operation with its options, in the spec's order, as plain data.

    ``strict``: fail on a fact without provenance (generation always is; a draft may not)."""
    res = Resolver(spec)
    found: list[dict[str, Any]] = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post"):
                continue
            params: list[dict[str, Any]] = []
            for node in operation.get("parameters", []):
                param = res.resolve(node)
                if param["in"] != "query":
                    continue
                params.append(
                    _param_fields(
                        res,
                        param["name"],
                        "query",
                        param["schema"],
                        param.get("description", ""),
                        param,
                        strict=strict,
                    )
                )
            schema = _options_schema(res, operation)
            if schema is not None:
                required = set(schema.get("required", []))
                for name, node in schema.get("properties", {}).items():
                    if name == "audio":
                        continue  # the payload, not an option
                    resolved = res.resolve(node)
                    if resolved.get("type") == "object":
                        continue  # request settings (`options`), not a model option
                    extra = {"required": name in required, **resolved}
                    params.append(
                        _param_fields(
                            res,
                            name,
                            "body",
                            node,
                            resolved.get("description", ""),
                            extra,
                            strict=strict,
                        )
                    )
            problems = [text for p in params for text in p.pop("_problems", [])]
            if problems:
                raise ProvenanceError(
                    f"{operation['operationId']}: every bound, enum, pattern, default and "
                    "required flag needs x-cfasr-source (" + ", ".join(SCHEMA_SOURCES) + ", "
                    "cloudflare-docs:<url>, deepgram-docs:<url>, cloudflare-code:<url> or "
                    f"{EMULATOR_LIMIT}):\n  " + "\n  ".join(problems)
                )
            responses = operation.get("responses", {})
            price = operation.get("x-cfasr-price", {})
            found.append(
                {
                    "operation_id": operation["operationId"],
                    "method": method,
                    "model": path.split(RUN_MARKER, 1)[1],
                    "path": path,
                    "transport": "websocket" if "101" in responses else "rest",
                    "summary": one_line(operation.get("summary")),
                    "description": one_line(operation.get("description")),
                    "takes_audio": _takes_audio(res, operation) or "101" in responses,
                    "usd_per_audio_minute": price.get("usd_per_audio_minute"),
                    "neurons_per_audio_minute": price.get("neurons_per_audio_minute"),
                    "params": params,
                }
            )
            found[-1].update(
                spec_body_kinds.operation_facts(
                    spec, operation, found[-1]["transport"], strict=strict
                )
            )
    return found


LIMIT_KEYS = ("name", "value", "unit", "answer", "description")


def emulator_limits(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """openapi.yaml's ``x-cfasr-emulator-limits``, checked for the fields every limit needs."""
    found: list[dict[str, Any]] = []
    for entry in spec.get("x-cfasr-emulator-limits", []):
        missing = [key for key in LIMIT_KEYS if key not in entry]
        if missing:
            raise ProvenanceError(f"x-cfasr-emulator-limits: {entry!r} lacks {missing}")
        found.append(
            {
                **{key: entry[key] for key in LIMIT_KEYS},
                "description": one_line(entry["description"]),
                "flag": entry.get("flag"),
                "close_reason": entry.get("close_reason"),
            }
        )
    return found


SERVICE_LIMIT_KEYS = ("name", "value", "unit", "source", "description")


def service_limits(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """openapi.yaml's ``x-cfasr-service-limits``: each needs every field and a source that
    names the documentation stating it (``emulator-limit`` is no source for these)."""
    found: list[dict[str, Any]] = []
    for entry in spec.get("x-cfasr-service-limits", []):
        missing = [key for key in SERVICE_LIMIT_KEYS if key not in entry]
        if missing:
            raise ProvenanceError(f"x-cfasr-service-limits: {entry!r} lacks {missing}")
        if entry["source"] == EMULATOR_LIMIT or not valid_source(entry["source"]):
            raise ProvenanceError(
                f"x-cfasr-service-limits: {entry['name']!r} has no valid source "
                f"({entry['source']!r})"
            )
        found.append({**entry, "description": one_line(entry["description"])})
    return found


def gateway_headers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``cf-aig-*`` request headers of ``components/parameters``, with their facts (and
    provenance, as for options)."""
    res = Resolver(spec)
    found: list[dict[str, Any]] = []
    problems: list[str] = []
    for param in spec["components"]["parameters"].values():
        if param.get("in") != "header" or not param["name"].startswith("cf-aig-"):
            continue
        # The direct API takes any text (it does not read these headers); the gateway's own
        # rules, which GatewayOptions checks, are x-cfasr-gateway-schema.
        schema = param.get("x-cfasr-gateway-schema", param["schema"])
        fields = _param_fields(
            res, param["name"], "header", schema, param.get("description", ""), param
        )
        problems += fields.pop("_problems", [])
        found.append(fields)
    if problems:
        raise ProvenanceError("AI Gateway headers:\n  " + "\n  ".join(problems))
    return found
